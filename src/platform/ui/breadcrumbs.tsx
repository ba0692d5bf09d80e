/**
 * Where a page sits in the site, as a trail of links ending with the page itself. Marked up as a
 * schema.org BreadcrumbList so search engines show the trail; the separators are drawn by CSS, so a
 * screen reader hears only the list. The position is a <data> element: hono/jsx moves every <meta>
 * into the head, where microdata no longer sees it.
 */
export function Breadcrumbs({
  items,
  current,
}: {
  items: { href: string; label: string }[];
  current: string;
}) {
  return (
    <nav class="breadcrumbs" aria-label="当前位置">
      <ol itemscope itemtype="https://schema.org/BreadcrumbList">
        {items.map((item, i) => (
          <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
            <a itemprop="item" href={item.href}>
              <span itemprop="name">{item.label}</span>
            </a>
            <data itemprop="position" value={String(i + 1)} />
          </li>
        ))}
        <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem" aria-current="page">
          <span itemprop="name">{current}</span>
          <data itemprop="position" value={String(items.length + 1)} />
        </li>
      </ol>
    </nav>
  );
}
