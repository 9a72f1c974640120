-- An imported review's source reference is unique among imported reviews only: a partial index,
-- so finding a visit's response by its request never scans the retailer's responses through it.
alter table feedback_responses drop constraint feedback_responses_retailer_id_source_source_ref_key;
create unique index feedback_responses_source_idx on feedback_responses (retailer_id, source, source_ref) where kind = 'imported';

-- A customer's feedback link, by the SHA-256 of its token and the retailer's slug, as one JSON
-- value (null when there is no such link): the link's request, retailer, store and customer, and
-- the answers given so far. PL/pgSQL so each connection plans the six-table query once, not on
-- every answer.
--
-- With p_save ({ id, auditId, requestId, ip, answers, watchWords }) it also saves the answers named
-- in p_save.answers at once, in the same call, when all of these hold:
--   * the link works: not revoked, not expired at p_now, its customer not erased;
--   * the response as it stands is not one to follow up (poor), then and at the moment of writing;
--   * the caller judged the answers named to show no sign of one to follow up — and, when they name a
--     comment, judged it with p_save.watchWords, which must still be the retailer's watch words.
-- Whether an answer is poor is a disjunction over single answers (src/shared/domain/feedback.ts),
-- so a response that was not poor, changed only by answers that are not, is not poor either. The
-- first answer to a request writes its audit entry. 'saved' says whether it saved; when it did
-- not, the caller takes the careful way (src/server/modules/feedback/answers.service.ts).
create function feedback_link(p_token_hash text, p_slug text, p_now timestamptz, p_save jsonb)
returns json
language plpgsql as $$
declare
  k record;
  a jsonb := p_save->'answers';
  s record;
  saved boolean := false;
begin
  select l.revoked_at, r.id as retailer_id, r.name as retailer_name, r.slug, r.locale, r.brand_colour,
         r.feedback_watch_words, q.id as request_id, q.encounter_id, q.store_id, st.name as store_name,
         q.customer_id, q.staff_ids, q.expires_at, q.first_opened_at, c.erased_at,
         fr.id as response_id, fr.satisfaction, fr.expectations, fr.listened, fr.felt_rushed, fr.in_stock,
         fr.comment, fr.may_contact, coalesce(fr.poor, false) as poor
    into k
    from feedback_links l
    join retailers r on r.id = l.retailer_id
    join feedback_requests q on q.retailer_id = l.retailer_id and q.id = l.request_id
    join stores st on st.retailer_id = q.retailer_id and st.id = q.store_id
    left join customers c on c.retailer_id = q.retailer_id and c.id = q.customer_id
    left join feedback_responses fr on fr.retailer_id = q.retailer_id and fr.request_id = q.id
   where l.token_hash = p_token_hash and r.slug = p_slug;
  if not found then
    return null;
  end if;

  if p_save is not null and k.revoked_at is null and k.erased_at is null and k.expires_at > p_now and not k.poor
     and (not a ? 'comment'
          or array(select jsonb_array_elements_text(p_save->'watchWords')) = k.feedback_watch_words) then
    insert into feedback_responses as fr (retailer_id, id, kind, request_id, encounter_id, store_id, customer_id, staff_ids,
                                          satisfaction, expectations, listened, felt_rushed, in_stock, comment, may_contact,
                                          created_at, updated_at)
    values (k.retailer_id, p_save->>'id', 'visit', k.request_id, k.encounter_id, k.store_id, k.customer_id, k.staff_ids,
            (a->>'satisfaction')::smallint, a->>'expectations', (a->>'listened')::boolean, (a->>'feltRushed')::boolean,
            (a->>'inStock')::boolean, a->>'comment', (a->>'mayContact')::boolean, p_now, p_now)
    on conflict (retailer_id, request_id) do update set
      satisfaction = case when a ? 'satisfaction' then excluded.satisfaction else fr.satisfaction end,
      expectations = case when a ? 'expectations' then excluded.expectations else fr.expectations end,
      listened = case when a ? 'listened' then excluded.listened else fr.listened end,
      felt_rushed = case when a ? 'feltRushed' then excluded.felt_rushed else fr.felt_rushed end,
      in_stock = case when a ? 'inStock' then excluded.in_stock else fr.in_stock end,
      comment = case when a ? 'comment' then excluded.comment else fr.comment end,
      may_contact = case when a ? 'mayContact' then excluded.may_contact else fr.may_contact end,
      updated_at = p_now
      where not fr.poor
    returning fr.id, (xmax = 0) as inserted, fr.satisfaction, fr.expectations, fr.listened, fr.felt_rushed,
              fr.in_stock, fr.comment, fr.may_contact
      into s;
    if found then
      saved := true;
      if s.inserted then
        insert into audit_log (retailer_id, id, actor_type, actor_id, action, subject_type, subject_id, store_id,
                               request_id, ip, details)
        values (k.retailer_id, p_save->>'auditId', 'customer', k.customer_id, 'feedback.received',
                case when k.customer_id is null then 'feedback_response' else 'customer' end,
                coalesce(k.customer_id, s.id), k.store_id, p_save->>'requestId', p_save->>'ip',
                jsonb_build_object('responseId', s.id, 'encounterId', k.encounter_id, 'requestId', k.request_id));
      end if;
      k.response_id := s.id;
      k.satisfaction := s.satisfaction;
      k.expectations := s.expectations;
      k.listened := s.listened;
      k.felt_rushed := s.felt_rushed;
      k.in_stock := s.in_stock;
      k.comment := s.comment;
      k.may_contact := s.may_contact;
    end if;
  end if;

  return json_build_object(
    'revoked', k.revoked_at is not null, 'erased', k.erased_at is not null,
    'retailerId', k.retailer_id, 'retailerName', k.retailer_name, 'retailerSlug', k.slug, 'locale', k.locale,
    'brandColour', k.brand_colour, 'watchWords', k.feedback_watch_words,
    'requestId', k.request_id, 'encounterId', k.encounter_id, 'storeId', k.store_id, 'storeName', k.store_name,
    'customerId', k.customer_id, 'staffIds', k.staff_ids, 'expiresAt', k.expires_at, 'firstOpenedAt', k.first_opened_at,
    'answered', case when k.response_id is null then null else json_build_object(
      'answers', json_build_object('satisfaction', k.satisfaction, 'expectations', k.expectations, 'listened', k.listened,
                                   'feltRushed', k.felt_rushed, 'inStock', k.in_stock, 'comment', k.comment,
                                   'mayContact', k.may_contact),
      'poor', k.poor) end,
    'saved', saved);
end $$;
