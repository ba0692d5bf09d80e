import { bodyParagraph, renderOfficialDocx } from "../../platform/official-document";
import { KIND_LABELS, type TProposalKind } from "./proposals.schemas";

const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The reply as a Word file on the official page (GB/T 9704), as the requests' written replies are. */
export function renderProposalReplyDocx(args: {
  kind: TProposalKind;
  number: string;
  title: string;
  unitName: string;
  round: number;
  date: string;
  text: string;
}): Promise<Buffer> {
  const paragraphs = args.text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return renderOfficialDocx({
    title: `对${KIND_LABELS[args.kind]}第${args.number}号的${args.round === 2 ? "再次" : ""}答复`,
    salutation: `关于“${args.title}”：`,
    body: paragraphs.map((t) => bodyParagraph(t)),
    signature: args.unitName,
    date: chineseDate(args.date),
  });
}
