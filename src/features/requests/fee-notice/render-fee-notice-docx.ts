// The fee notice as a Word file for staff to print, stamp and send, on the official page.

import { bodyParagraph, renderOfficialDocx } from "../../../platform/official-document";
import type { TFeeNotice } from "./fee-notice-text";

/** Renders the fee notice as a .docx file, saying exactly what the print page says. */
export async function renderFeeNoticeDocx(notice: TFeeNotice): Promise<Buffer> {
  const [opening = "", basis = "", amount = "", ...rest] = notice.paragraphs;
  return renderOfficialDocx({
    ...notice,
    body: [
      bodyParagraph(opening),
      bodyParagraph(basis),
      // The computation lines are numbered by hand so that every reader shows the same numbers.
      ...notice.computation.map((line, i) => bodyParagraph(`${i + 1}. ${line}`)),
      bodyParagraph(amount, { bold: true }),
      ...rest.map((text) => bodyParagraph(text)),
    ],
  });
}
