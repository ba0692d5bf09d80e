-- Survey results kept as running counts, written in the same transaction as each response, so the
-- public results page reads a few rows instead of expanding every response's answers. Question -1,
-- value 0 holds the number of responses. Rebuilt here from any responses already stored.
create table survey_tallies (
  survey_id integer not null references surveys(id),
  question integer not null,
  value integer not null,
  n integer not null,
  primary key (survey_id, question, value)
);

insert into survey_tallies (survey_id, question, value, n)
select r.survey_id, (e.ord - 1)::int, x.v::int, count(*)::int
from survey_responses r
cross join lateral jsonb_array_elements(r.answers) with ordinality as e(val, ord)
cross join lateral jsonb_array_elements_text(
  case jsonb_typeof(e.val)
    when 'array' then e.val
    when 'number' then jsonb_build_array(e.val)
    else '[]'::jsonb
  end
) as x(v)
group by 1, 2, 3;

insert into survey_tallies (survey_id, question, value, n)
select survey_id, -1, 0, count(*)::int from survey_responses group by survey_id;
