// The fee notice as a printable page for staff, on the official page shared with the reply letter.

import { OfficialPrintPage } from "../../../platform/official-document";
import type { TFeeNotice } from "./fee-notice-text";

/** The printable fee notice; it names the applicant, so only the back office serves it. */
export function FeeNoticePrintPage({ notice, docxHref }: { notice: TFeeNotice; docxHref: string }) {
  const [opening, basis, amount, ...rest] = notice.paragraphs;
  return (
    <OfficialPrintPage doc={notice} what="本通知书" docxHref={docxHref}>
      <p class="letter-body">{opening}</p>
      <p class="letter-body">{basis}</p>
      <ol class="letter-body">
        {notice.computation.map((line) => (
          <li>{line}</li>
        ))}
      </ol>
      <p class="letter-body">
        <strong>{amount}</strong>
      </p>
      {rest.map((text) => (
        <p class="letter-body">{text}</p>
      ))}
    </OfficialPrintPage>
  );
}
