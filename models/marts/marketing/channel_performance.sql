-- One row per acquisition channel and calendar month: marketing spend, leads, new
-- paying customers, CAC, the revenue and gross profit of the channel's customers, ROI
-- and how many months the month's new customers took to pay back its spend.
--
-- Channels are matched on a key (int_channel_keys: lower case, trimmed, inner spaces
-- collapsed) across the spend export, CRM deal sources and the customers' acquisition channel.
-- Attribution: a customer belongs to the channel of the first order for life, so a
-- month's revenue and gross profit of a channel are everything its customers (acquired
-- in any earlier month or this one) bought that month, net of what came back from those
-- orders (int_customer_orders); ROI compares that month's gross
-- profit with the month's spend. Customers won before the sales history
-- (int_customer_acquisition.is_pre_history) were not bought with the spend we see: they
-- are nobody's new customers and their purchases are shown apart (pre_history_*), out
-- of ROI. Payback follows only the month's own new customers.
with

marketing_spend as (

    select * from {{ ref('stg_accounting__marketing_spend') }}

),

deal_leads as (

    select * from {{ ref('int_deal_leads') }}

),

acquisition as (

    select * from {{ ref('int_customer_acquisition') }}

),

customer_months as (

    select * from {{ ref('int_customer_months') }}

),

channel_keys as (

    select * from {{ ref('int_channel_keys') }}

),

spend_by_month as (

    select
        channel_keys.channel_key,
        marketing_spend.spend_month as month,
        min(marketing_spend.channel) as channel_name,
        sum(marketing_spend.spend) as spend
    from marketing_spend
    left join channel_keys
        on marketing_spend.channel = channel_keys.channel
    group by 1, 2

),

leads_by_month as (

    select
        channel_key,
        created_month as month,
        min(source_channel) as channel_name,
        count(*) as leads,
        count(*) filter (where is_new_lead) as new_leads
    from deal_leads
    group by 1, 2

),

new_customers_by_month as (

    select
        channel_key,
        acquisition_month as month,
        min(acquisition_channel) as channel_name,
        count(*) filter (where not is_pre_history) as new_customers
    from acquisition
    group by 1, 2

),

attributed_by_month as (

    select
        channel_key,
        activity_month as month,
        count(*) filter (where not is_pre_history) as active_customers,
        sum(revenue) filter (where not is_pre_history) as revenue,
        sum(gross_profit) filter (where not is_pre_history) as gross_profit,
        sum(revenue) filter (where is_pre_history) as pre_history_revenue,
        sum(gross_profit) filter (where is_pre_history) as pre_history_gross_profit
    from customer_months
    group by 1, 2

),

-- the spelling shown: as in the spend export, else as on the sales, else as in the CRM
-- (the first in sort order when one source spells it several ways)
channel_names as (

    select channel_key, arg_min(channel_name, preference::varchar || ':' || channel_name) as channel
    from (
        select channel_key, channel_name, 1 as preference from spend_by_month
        union all
        select channel_key, channel_name, 2 as preference from new_customers_by_month
        union all
        select channel_key, channel_name, 3 as preference from leads_by_month
    )
    group by channel_key

),

month_bounds as (

    select min(month) as first_month, max(month) as last_month
    from (
        select month from spend_by_month
        union all
        select month from leads_by_month
        union all
        select month from attributed_by_month
    )

),

months as (

    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month
    from month_bounds
    where first_month is not null

),

-- gross profit of each month's cohort, month by month after acquisition
cohort_gross_profit as (

    select
        channel_key,
        acquisition_month,
        month_offset,
        sum(coalesce(gross_profit, 0)) over (
            partition by channel_key, acquisition_month order by month_offset
        ) as cumulative_gross_profit
    from (
        select channel_key, acquisition_month, month_offset, sum(gross_profit) as gross_profit
        from customer_months
        where not is_pre_history
        group by 1, 2, 3
    )

),

payback as (

    select
        cohort_gross_profit.channel_key,
        cohort_gross_profit.acquisition_month as month,
        arg_max(cohort_gross_profit.cumulative_gross_profit, cohort_gross_profit.month_offset) as cohort_gross_profit_to_date,
        min(cohort_gross_profit.month_offset) filter (
            where spend_by_month.spend > 0
            and cohort_gross_profit.cumulative_gross_profit >= spend_by_month.spend
        ) as payback_months
    from cohort_gross_profit
    left join spend_by_month
        on cohort_gross_profit.channel_key = spend_by_month.channel_key
        and cohort_gross_profit.acquisition_month = spend_by_month.month
    group by 1, 2

),

joined as (

    select
        channel_names.channel,
        channel_names.channel_key,
        months.month,
        coalesce(spend_by_month.spend, 0) as spend,
        coalesce(leads_by_month.leads, 0) as leads,
        coalesce(leads_by_month.new_leads, 0) as new_leads,
        coalesce(new_customers_by_month.new_customers, 0) as new_customers,
        coalesce(attributed_by_month.active_customers, 0) as active_customers,
        coalesce(attributed_by_month.revenue, 0) as revenue,
        coalesce(attributed_by_month.gross_profit, 0) as gross_profit,
        coalesce(attributed_by_month.pre_history_revenue, 0) as pre_history_revenue,
        coalesce(attributed_by_month.pre_history_gross_profit, 0) as pre_history_gross_profit,
        payback.cohort_gross_profit_to_date,
        payback.payback_months
    from channel_names
    cross join months
    left join spend_by_month
        on channel_names.channel_key = spend_by_month.channel_key and months.month = spend_by_month.month
    left join leads_by_month
        on channel_names.channel_key = leads_by_month.channel_key and months.month = leads_by_month.month
    left join new_customers_by_month
        on channel_names.channel_key = new_customers_by_month.channel_key and months.month = new_customers_by_month.month
    left join attributed_by_month
        on channel_names.channel_key = attributed_by_month.channel_key and months.month = attributed_by_month.month
    left join payback
        on channel_names.channel_key = payback.channel_key and months.month = payback.month

),

final as (

    select
        channel,
        channel_key,
        month,
        spend,
        leads,
        new_leads,
        new_customers,
        case when new_customers > 0 then round(spend / new_customers, 2) end as cac,
        active_customers,
        revenue,
        gross_profit,
        case when spend > 0 then round((gross_profit - spend) / spend, 4) end as roi,
        pre_history_revenue,
        pre_history_gross_profit,
        cohort_gross_profit_to_date,
        payback_months
    from joined

)

select * from final
