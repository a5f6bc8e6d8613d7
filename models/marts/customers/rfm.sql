-- One row per customer who ever ordered: recency, frequency (purchase documents, never
-- returns) and monetary value (net of returns, int_customer_orders) over all history,
-- measured at the latest sale date in the data (int_data_calendar.last_sale_on, not today,
-- so a stale export does not age everyone), R/F/M scores 1–5 by quintiles and a named segment.
--
-- Scores: ntile(5) over customers sorted from worst to best (recency: most days first;
-- frequency and monetary: smallest first), ties in the sort broken by customer_id; then
-- customers with equal values share the lowest score any of them got, so two customers
-- who behave the same are never told apart by their ids.
-- Segment: a grid of R against FM = (F + M) / 2 rounded half up — the standard RFM
-- segment map (R against frequency/monetary), every cell named:
--   R \ FM  1               2                   3                   4          5
--   5       New             Potential loyalist  Potential loyalist  Champions  Champions
--   4       Promising       Potential loyalist  Potential loyalist  Loyal      Loyal
--   3       About to sleep  About to sleep      Need attention      Loyal      Loyal
--   2       Hibernating     Hibernating         At risk             At risk    Can't lose them
--   1       Lost            Lost                At risk             At risk    Can't lose them
with

orders as (

    select * from {{ ref('int_customer_orders') }}

),

calendar as (

    select * from {{ ref('int_data_calendar') }}

),

customer_orders as (

    select
        customer_id,
        min(ordered_on) as first_order_on,
        max(ordered_on) as last_order_on,
        count(*) as frequency,
        sum(revenue) as monetary
    from orders
    group by customer_id

),

measured as (

    select
        customer_orders.*,
        calendar.last_sale_on as measured_on,
        date_diff('day', customer_orders.last_order_on, calendar.last_sale_on) as recency_days
    from customer_orders
    cross join calendar

),

quintiles as (

    select
        *,
        ntile(5) over (order by recency_days desc, customer_id) as r_quintile,
        ntile(5) over (order by frequency, customer_id) as f_quintile,
        ntile(5) over (order by monetary, customer_id) as m_quintile
    from measured

),

scored as (

    select
        *,
        min(r_quintile) over (partition by recency_days) as r_score,
        min(f_quintile) over (partition by frequency) as f_score,
        min(m_quintile) over (partition by monetary) as m_score
    from quintiles

),

segmented as (

    select
        *,
        (f_score + m_score + 1) // 2 as fm_score
    from scored

),

named as (

    select
        *,
        case
            when r_score = 5 and fm_score = 1 then 'new'
            when r_score = 4 and fm_score = 1 then 'promising'
            when r_score >= 4 and fm_score <= 3 then 'potential_loyalist'
            when r_score = 5 then 'champions'
            when r_score >= 3 and fm_score >= 4 then 'loyal'
            when r_score = 3 and fm_score = 3 then 'need_attention'
            when r_score = 3 then 'about_to_sleep'
            when fm_score = 5 then 'cant_lose_them'
            when fm_score >= 3 then 'at_risk'
            when r_score = 2 then 'hibernating'
            else 'lost'
        end as segment_code
    from segmented

),

final as (

    select
        customer_id,
        first_order_on,
        last_order_on,
        measured_on,
        recency_days,
        frequency,
        monetary,
        r_score,
        f_score,
        m_score,
        fm_score,
        r_score::varchar || f_score::varchar || m_score::varchar as rfm_cell,
        segment_code,
        case segment_code
            when 'champions' then 'Champions'
            when 'loyal' then 'Loyal'
            when 'potential_loyalist' then 'Potential loyalist'
            when 'new' then 'New'
            when 'promising' then 'Promising'
            when 'need_attention' then 'Need attention'
            when 'about_to_sleep' then 'About to sleep'
            when 'at_risk' then 'At risk'
            when 'cant_lose_them' then 'Can''t lose them'
            when 'hibernating' then 'Hibernating'
            when 'lost' then 'Lost'
        end as segment,
        case segment_code
            when 'champions' then 'Чемпионы'
            when 'loyal' then 'Лояльные'
            when 'potential_loyalist' then 'Потенциально лояльные'
            when 'new' then 'Новые'
            when 'promising' then 'Перспективные'
            when 'need_attention' then 'Требуют внимания'
            when 'about_to_sleep' then 'Засыпающие'
            when 'at_risk' then 'В зоне риска'
            when 'cant_lose_them' then 'Нельзя потерять'
            when 'hibernating' then 'Спящие'
            when 'lost' then 'Потерянные'
        end as segment_ru
    from named

)

select * from final
