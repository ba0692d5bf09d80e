// The reply letter as a Word file for staff to print, stamp and send, on the official page.

import { bodyParagraph, renderOfficialDocx } from "../../../platform/official-document";
import { buildReplyLetter } from "./render-text";
import { DEFAULT_REPLY_TEMPLATES, type TReplyLetterModel, type TReplyTemplates } from "./templates";

/** Renders the reply letter as a .docx file. */
export async function renderReplyDocx(
  model: TReplyLetterModel,
  templates: TReplyTemplates = DEFAULT_REPLY_TEMPLATES,
): Promise<Buffer> {
  const letter = buildReplyLetter(model, templates);
  return renderOfficialDocx({ ...letter, body: letter.paragraphs.map((text) => bodyParagraph(text)) });
}
