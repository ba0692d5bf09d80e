import { Breadcrumbs } from "../../platform/ui/breadcrumbs";
import { PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";

type TSection = { title: string; intro: string; links: { href: string; label: string; about: string }[] };

/**
 * The portal's sections that gather several services under one navigation entry, so the header
 * keeps to the dozen entries a citizen can take in at a glance.
 */
export const PORTAL_SECTIONS: Record<"services" | "responsiveness" | "grassroots", TSection> = {
  services: {
    title: "政策服务",
    intro: "查政策条文、问政策问题、找适用于自己的政策，或订阅新发布的政策。",
    links: [
      { href: "/answers", label: "政策问答", about: "用日常的话提问，回答引用现行有效文件的具体条款。" },
      { href: "/faq", label: "问答库", about: "已经答复并公开的政策问题。" },
      { href: "/eligibility", label: "政策找人", about: "回答几个问题，看看哪些政策适用于您或您的企业。" },
      {
        href: "/alerts/subscribe",
        label: "订阅政策",
        about: "新文件发布时邮件通知；也可在信息公开目录按条件检索后点“订阅”，只收所选的文件。",
      },
    ],
  },
  responsiveness: {
    title: "回应关切",
    intro: "群众关心的事，政府怎样回应；向政府反映问题、提出意见的渠道。",
    links: [
      { href: "/responses", label: "回应关切", about: "对社会关注事项的回应和发布的权威信息。" },
      { href: "/mailbox", label: "领导信箱", about: "给区政府领导写信，反映问题、提出建议。" },
      { href: "/proposals", label: "建议提案办理", about: "人大代表建议、政协委员提案的办理答复。" },
      {
        href: "/complaints",
        label: "公共企事业单位信息公开投诉",
        about: "学校、医院、水电气热、公交等单位未依法公开信息的投诉。",
      },
    ],
  },
  grassroots: {
    title: "基层政务公开",
    intro: "街道、村（社区）和公共企事业单位应当公开的事项，以及查阅政府信息的地点。",
    links: [
      {
        href: "/catalogues",
        label: "基层政务公开标准目录",
        about: "各街道、部门按领域应当公开的事项和时限。",
      },
      { href: "/villages", label: "村（社区）公示", about: "惠民惠农补贴等公示，公示期内可查。" },
      {
        href: "/enterprises",
        label: "公共企事业单位信息公开",
        about: "按行业查看公共企事业单位的公开事项和主管部门。",
      },
      {
        href: "/reading-rooms",
        label: "政府信息查阅点",
        about: "可以现场查阅政府信息的地点、地址和开放时间。",
      },
    ],
  },
};

/** One section's page: what it is for and a card for each service in it. */
export function SectionPage({ ctx, section }: { ctx: TPageCtx; section: TSection }) {
  return (
    <PortalLayout ctx={ctx} title={section.title}>
      <Breadcrumbs items={[{ href: "/", label: "首页" }]} current={section.title} />
      <h1>{section.title}</h1>
      <p class="lead">{section.intro}</p>
      <ul class="section-links">
        {section.links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
            <p>{l.about}</p>
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}
