// Official documents (公文) laid out after GB/T 9704-2012, as a Word file and as a printable page.

export {
  bodyParagraph,
  FONTS,
  headingParagraph,
  renderOfficialDocx,
  SIZES,
  type TOfficialHead,
  textRun,
} from "./official-document";
export { OfficialPrintPage } from "./print-page";
