import { Form, TextArea, TextField, type TFormState } from "../../platform/ui/forms";
import { AdminLayout, PortalLayout } from "../../platform/ui/layout";
import type { TPageCtx } from "../../platform/ui/page-context";
import { SearchForm, type TSearchHit } from "../documents";
import type { TUnitRow } from "../org";
import { DISCLOSURE_ENTRIES, INTERPRETATION_ENTRY } from "./disclosure-entries";
import type { TGuide } from "./guide";
import type { TNotice } from "./notices";

const paragraphs = (text: string) => text.split(/\n+/).map((p) => <p>{p}</p>);

/** The home page: search first, then what is pinned, what is new, and where each kind of information is. */
export function HomePage(props: { ctx: TPageCtx; guide: TGuide; notices: TNotice[]; latest: TSearchHit[] }) {
  const { guide } = props;
  return (
    <PortalLayout ctx={props.ctx} title="首页">
      <section class="home-search" aria-labelledby="home-title">
        <h1 id="home-title">政府信息公开</h1>
        <SearchForm q="" />
      </section>
      {/* 政策问答 (src/features/answers): a plain GET form, so asking needs no JavaScript. */}
      <section class="home-ask" aria-labelledby="home-ask-title">
        <h2 id="home-ask-title">政策问答</h2>
        <form method="get" action="/answers" class="ask-box" aria-label="政策问答">
          <label for="home-ask-q">用日常的话问一个政策问题，答案附条款原文和出处</label>
          <div class="ask-row">
            <input id="home-ask-q" name="q" type="search" maxlength={200} placeholder="例如：产假有多少天" />
            <button type="submit" class="button">
              提问
            </button>
          </div>
        </form>
        <p class="home-ask-more">
          不知道哪些政策适用于您？试试<a href="/eligibility">政策找人</a>；新文件发布时想收到通知，
          <a href="/alerts/subscribe">订阅政策</a>。
        </p>
      </section>
      {props.notices.length > 0 && (
        <section class="pinned" aria-labelledby="pinned-title">
          <h2 id="pinned-title">置顶公告</h2>
          <ul>
            {props.notices.map((n) => (
              <li>{n.link ? <a href={n.link}>{n.text}</a> : n.text}</li>
            ))}
          </ul>
        </section>
      )}
      <div class="home-columns">
        <section class="home-latest" aria-labelledby="latest-title">
          <h2 id="latest-title">最新信息</h2>
          <ul class="dated-list">
            {props.latest.map((d) => (
              <li>
                <a href={`/documents/${d.id}`}>{d.title}</a>
                {d.publishedAt && <time datetime={d.publishedAt}>{d.publishedAt}</time>}
              </li>
            ))}
          </ul>
          <p>
            <a href="/documents">查看全部信息</a>
          </p>
        </section>
        <section class="home-entries" aria-labelledby="entries-title">
          <h2 id="entries-title">法定主动公开内容</h2>
          <p class="muted">依《中华人民共和国政府信息公开条例》第二十条</p>
          <ul class="entry-grid">
            {DISCLOSURE_ENTRIES.map((e) => (
              <li>
                <a href={e.href}>{e.label}</a>
              </li>
            ))}
            <li class="entry-interpretation">
              <a href={INTERPRETATION_ENTRY.href}>{INTERPRETATION_ENTRY.label}</a>
            </li>
          </ul>
        </section>
      </div>
      <div class="cards">
        <section class="card" aria-labelledby="card-guide">
          <h2 id="card-guide">政府信息公开指南</h2>
          <p>信息分类、获取方式、申请程序、受理机构和救济途径。</p>
          <p>
            <a href="/guide">阅读公开指南</a>
          </p>
        </section>
        <section class="card" aria-labelledby="card-request">
          <h2 id="card-request">依申请公开</h2>
          <p>需要的信息没有主动公开，可以在线提出申请，并随时查询办理进度。</p>
          <p>
            <a href="/requests/new">提出申请</a> · <a href="/requests/status">查询进度</a>
          </p>
        </section>
        <section class="card" aria-labelledby="card-contact">
          <h2 id="card-contact">咨询与联系</h2>
          <dl class="facts">
            <dt>受理机构</dt>
            <dd>{guide.officeName}</dd>
            <dt>咨询电话</dt>
            <dd>{guide.phone}</dd>
            <dt>办公时间</dt>
            <dd>{guide.hours}</dd>
          </dl>
        </section>
      </div>
    </PortalLayout>
  );
}

export function GuidePage({ ctx, guide, units }: { ctx: TPageCtx; guide: TGuide; units: TUnitRow[] }) {
  return (
    <PortalLayout ctx={ctx} title="政府信息公开指南">
      <h1>{guide.siteName}政府信息公开指南</h1>
      <nav aria-label="本页目录" class="toc">
        <ol>
          <li>
            <a href="#classification">一、信息分类与编排</a>
          </li>
          <li>
            <a href="#proactive">二、主动公开</a>
          </li>
          <li>
            <a href="#on-request">三、依申请公开</a>
          </li>
          <li>
            <a href="#office">四、受理机构</a>
          </li>
          <li>
            <a href="#remedies">五、监督和救济</a>
          </li>
        </ol>
      </nav>
      <section aria-labelledby="classification">
        <h2 id="classification">一、信息分类与编排</h2>
        {paragraphs(guide.classification)}
      </section>
      <section aria-labelledby="proactive">
        <h2 id="proactive">二、主动公开</h2>
        {paragraphs(guide.proactive)}
      </section>
      <section aria-labelledby="on-request">
        <h2 id="on-request">三、依申请公开</h2>
        {paragraphs(guide.onRequest)}
      </section>
      <section aria-labelledby="office">
        <h2 id="office">四、受理机构</h2>
        <dl class="facts">
          <dt>名称</dt>
          <dd>{guide.officeName}</dd>
          <dt>办公地址</dt>
          <dd>{guide.address}</dd>
          {guide.postcode && (
            <>
              <dt>邮政编码</dt>
              <dd>{guide.postcode}</dd>
            </>
          )}
          <dt>办公时间</dt>
          <dd>{guide.hours}</dd>
          <dt>咨询电话</dt>
          <dd>{guide.phone}</dd>
          {guide.fax && (
            <>
              <dt>传真</dt>
              <dd>{guide.fax}</dd>
            </>
          )}
          {guide.email && (
            <>
              <dt>电子邮箱</dt>
              <dd>{guide.email}</dd>
            </>
          )}
          {guide.website && (
            <>
              <dt>网上申请</dt>
              <dd>{guide.website}</dd>
            </>
          )}
        </dl>
        <p>
          各部门和街道办事处负责本机关的政府信息公开工作，联系方式见<a href="/units">机构设置</a>（共{" "}
          {units.length} 个机构）。
        </p>
      </section>
      <section aria-labelledby="remedies">
        <h2 id="remedies">五、监督和救济</h2>
        {paragraphs(guide.remedies)}
        <p>
          行政复议机关：{guide.reconsiderationBody}；管辖法院：{guide.courtName}。
        </p>
      </section>
    </PortalLayout>
  );
}

export function GuideEditPage({ ctx, form }: { ctx: TPageCtx; form: TFormState }) {
  return (
    <AdminLayout ctx={ctx} title="编辑公开指南">
      <h1>编辑政府信息公开指南</h1>
      <p>
        《政府信息公开条例》第十二条要求指南载明信息分类、编排体系、获取方式和受理机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等。
        <a href="/guide">查看当前公开的指南</a>
      </p>
      <Form action="/admin/guide" csrfToken={ctx.csrfToken} form={form} submitLabel="保存并公开">
        <TextField form={form} name="siteName" label="网站（机关）名称" isRequired />
        <TextField form={form} name="officeName" label="受理机构名称" isRequired />
        <TextField form={form} name="address" label="办公地址" isRequired />
        <TextField form={form} name="postcode" label="邮政编码" inputmode="numeric" />
        <TextField form={form} name="hours" label="办公时间" isRequired />
        <TextField form={form} name="phone" label="咨询电话" inputmode="tel" isRequired />
        <TextField form={form} name="fax" label="传真号码" inputmode="tel" />
        <TextField form={form} name="email" label="电子邮箱" type="email" />
        <TextField form={form} name="website" label="网上申请渠道" />
        <TextArea form={form} name="classification" label="信息分类与编排" rows={5} isRequired />
        <TextArea form={form} name="proactive" label="主动公开" rows={5} isRequired />
        <TextArea form={form} name="onRequest" label="依申请公开" rows={8} isRequired />
        <TextArea form={form} name="remedies" label="监督和救济" rows={4} isRequired />
        <TextField form={form} name="reconsiderationBody" label="行政复议机关（写入答复告知书）" isRequired />
        <TextField form={form} name="courtName" label="管辖的人民法院（写入答复告知书）" isRequired />
        <TextField form={form} name="siteCode" label="网站标识码（显示在页脚）" />
        <TextField form={form} name="icpRecord" label="ICP 备案号（显示在页脚）" />
        <TextField form={form} name="policeRecord" label="公安机关备案号（显示在页脚）" />
      </Form>
    </AdminLayout>
  );
}
