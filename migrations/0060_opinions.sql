-- 政务舆情 (seed tasks 28 and 29; STATUTES §9): public-opinion items from every channel, their hour
-- clocks counted from the discovery timestamp, the events that stop them, spike alerts per topic and
-- the liaison reminders already sent.

-- The twelve topics of task 28 (built in, in the plan's order) and those the office adds. Keywords
-- suggest a topic for a new item; staff confirm it.
create table opinion_topics (
  id serial primary key,
  code text not null unique,
  name text not null unique,
  keywords text[] not null default '{}',
  is_builtin boolean not null default false,
  sort_order integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);

insert into opinion_topics (code, name, keywords, is_builtin, sort_order) values
  ('epidemic', '疫情防控', '{疫情,核酸,新冠,防疫,隔离,疫苗,封控,健康码}', true, 1),
  ('economy_finance', '经济金融', '{金融,贷款,融资,银行,理财,非法集资,集资,股票,保险}', true, 2),
  ('wage_arrears', '工资拖欠', '{欠薪,拖欠工资,工资拖欠,讨薪,农民工工资,欠工资,克扣工资}', true, 3),
  ('environment', '生态环境污染', '{污染,噪音,噪声,排污,异味,废气,污水,扬尘,黑臭,油烟}', true, 4),
  ('food_drug', '食药安全', '{食品,药品,餐饮,过期,食物中毒,假药,保健品,外卖}', true, 5),
  ('education', '教育信息', '{学校,入学,招生,学区,教师,幼儿园,校外培训,学位,课后服务}', true, 6),
  ('health', '医疗健康', '{医院,医疗,就医,医保,看病,诊所,卫生院,挂号}', true, 7),
  ('elderly_care', '养老服务', '{养老,老年人,敬老院,养老院,高龄补贴,老年食堂}', true, 8),
  ('work_safety', '安全生产', '{安全生产,事故,火灾,爆炸,燃气泄漏,安全隐患,坍塌,消防通道}', true, 9),
  ('market_regulation', '市场监管', '{价格,虚假宣传,消费者,商家,计量,特种设备,电梯,缺斤短两}', true, 10),
  ('real_estate', '房地产市场', '{房地产,楼盘,烂尾,交房,房产证,购房,开发商,不动产,物业}', true, 11),
  ('hardship', '困难群众生活', '{低保,救助,特困,困难群众,残疾人,临时救助,生活困难}', true, 12);

create table opinions (
  id serial primary key,
  title text not null,
  body text not null default '',
  source text not null check (source in ('hotline_12345', 'mailbox', 'media', 'petition', 'online', 'other')),
  topic_id integer references opinion_topics (id),
  -- What the keyword rules suggested; topic_id is staff's choice once is_topic_confirmed.
  suggested_topic_id integer references opinion_topics (id),
  is_topic_confirmed boolean not null default false,
  unit_id integer references units (id),
  severity text not null check (severity in ('major_emergency', 'ordinary')),
  discovered_at timestamptz not null,
  release_due_at timestamptz,
  press_conference_due_at timestamptz,
  response_due_at timestamptz,
  released_at timestamptz,
  press_conference_at timestamptz,
  responded_at timestamptz,
  -- The earliest clock still running (null once every clock that applies is met): the board reads
  -- only rows with one, through a partial index, however many closed items there are.
  next_due_at timestamptz,
  -- 12345 work orders: 工单编号 (re-imports update the same row), 办结时间, 满意度.
  work_order_no text unique,
  handled_at timestamptz,
  satisfaction text not null default '',
  -- 领导信箱: who wrote and how to reach them, never shown publicly; the receipt number they got.
  writer_name text not null default '',
  writer_contact text not null default '',
  receipt_no text unique,
  -- 回应关切: the public answer, the question as published (checked for personal data), when.
  response_text text not null default '',
  public_question text not null default '',
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index opinions_running_idx on opinions (next_due_at, unit_id) where next_due_at is not null;
create index opinions_topic_discovered_idx on opinions (topic_id, discovered_at);
create index opinions_discovered_idx on opinions (discovered_at);
create index opinions_unit_idx on opinions (unit_id);
create index opinions_published_idx on opinions (published_at desc) where published_at is not null;

-- What stopped a clock: an authoritative release, a press conference, a response; at most one of
-- each per item, with the document released when there is one.
create table opinion_events (
  id serial primary key,
  opinion_id integer not null references opinions (id),
  type text not null check (type in ('release', 'press_conference', 'response')),
  at timestamptz not null,
  document_id integer references documents (id),
  note text not null default '',
  actor_name text not null default '',
  created_at timestamptz not null default now(),
  unique (opinion_id, type)
);

-- A spike: at least the office's threshold of items on one topic within 24 hours.
create table opinion_spike_alerts (
  id serial primary key,
  topic_id integer not null references opinion_topics (id),
  window_start timestamptz not null,
  window_end timestamptz not null,
  item_count integer not null,
  threshold integer not null,
  raised_at timestamptz not null default now(),
  acknowledged_at timestamptz
);
create index opinion_spike_alerts_topic_idx on opinion_spike_alerts (topic_id, window_end desc);

-- Reminders sent to a unit's liaison, one per item and kind, claimed before sending.
create table opinion_reminders (
  opinion_id integer not null references opinions (id),
  kind text not null check (kind in ('due_soon', 'overdue')),
  sent_to text[] not null default '{}',
  sent_at timestamptz not null default now(),
  primary key (opinion_id, kind)
);

-- Receipt numbers of the public 领导信箱 form (LDXX + year + six digits).
create sequence opinion_mailbox_seq;
