-- A document whose page the server itself renders as HTML (the annual report with its merged table
-- headers, which Markdown cannot draw). Written only by server code, never from a form or the API;
-- a hand edit of the body clears it, and the page then shows the body as Markdown again.
alter table documents add column body_html text;
