import type { Child } from "hono/jsx";

/** A data table with a caption for screen readers and column headers; rows are the children. */
export function DataTable(props: {
  caption: string;
  columns: string[];
  className?: string;
  children?: Child;
}) {
  return (
    <table class={props.className ? `table ${props.className}` : "table"}>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
