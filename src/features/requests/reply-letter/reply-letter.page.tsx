// The reply letter as a printable page, on the official page shared with the fee notice.

import { OfficialPrintPage } from "../../../platform/official-document";
import type { TReplyLetter } from "./render-text";

export function ReplyLetterPrintPage({ letter, docxHref }: { letter: TReplyLetter; docxHref?: string }) {
  return (
    <OfficialPrintPage doc={letter} what="本告知书" docxHref={docxHref}>
      {letter.paragraphs.map((text) => (
        <p class="letter-body">{text}</p>
      ))}
    </OfficialPrintPage>
  );
}
