-- One row per manager × calendar month with any activity, deal, sale or plan. Calls and
-- tasks count in the month they were created, meetings in the month they were held (done);
-- overdue tasks in the month they were due: due before the CRM as-of moment and not done,
-- or done after the due time. Median first response over the deals created that month
-- (int_deal_touches). Deals won in the month they closed. Revenue = the manager's sales
-- lines (fct_sales) that month; plan from the sales plan; plan_pct = 100 × revenue / plan.
-- Names are matched across CRM and accounting on a key (case, ё/е, spaces ignored).
{%- macro manager_key(column) -%}
lower(regexp_replace(replace(replace(trim({{ column }}), 'ё', 'е'), 'Ё', 'Е'), '\s+', ' ', 'g'))
{%- endmacro %}
with

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

deals as (

    select * from {{ ref('int_crm_deals') }}

),

touches as (

    select * from {{ ref('int_deal_touches') }}

),

sales as (

    select * from {{ ref('fct_sales') }}

),

sales_plan as (

    select * from {{ ref('stg_accounting__sales_plan') }}

),

as_of as (

    select * from {{ ref('int_crm_as_of') }}

),

activity_events as (

    select manager, 'call' as counts_as, date_trunc('month', created_at)::date as month, false as is_overdue
    from activities
    where activity_type = 'call'

    union all

    select manager, 'meeting', date_trunc('month', done_at)::date, false
    from activities
    where activity_type = 'meeting' and done_at is not null

    union all

    select manager, 'task_created', date_trunc('month', created_at)::date, false
    from activities
    where activity_type = 'task'

    union all

    select
        activities.manager,
        'task_due',
        date_trunc('month', activities.due_at)::date,
        activities.done_at is null or activities.done_at > activities.due_at
    from activities
    cross join as_of
    where activities.activity_type = 'task' and activities.due_at < as_of.as_of_at

),

activity_counts as (

    select
        {{ manager_key('manager') }} as manager_key,
        month,
        count(*) filter (where counts_as = 'call') as calls,
        count(*) filter (where counts_as = 'meeting') as meetings,
        count(*) filter (where counts_as = 'task_created') as tasks_created,
        count(*) filter (where counts_as = 'task_due') as tasks_due,
        count(*) filter (where counts_as = 'task_due' and is_overdue) as tasks_overdue
    from activity_events
    where manager is not null
    group by 1, 2

),

deal_counts as (

    select
        {{ manager_key('deals.manager') }} as manager_key,
        deals.created_month as month,
        count(*) as deals_created,
        count(touches.first_response_hours) as deals_answered,
        median(touches.first_response_hours) as median_first_response_hours
    from deals
    inner join touches
        on deals.deal_id = touches.deal_id
    where deals.manager is not null
    group by 1, 2

),

won_counts as (

    select
        {{ manager_key('deals.manager') }} as manager_key,
        date_trunc('month', coalesce(deals.closed_at, touches.last_stage_change_at))::date as month,
        count(*) as deals_won,
        sum(deals.deal_amount) as won_value
    from deals
    inner join touches
        on deals.deal_id = touches.deal_id
    where deals.manager is not null
        and deals.deal_status = 'won'
    group by 1, 2

),

revenue as (

    select
        {{ manager_key('manager') }} as manager_key,
        sold_month as month,
        sum(revenue) as revenue
    from sales
    where manager is not null
    group by 1, 2

),

plans as (

    select
        {{ manager_key('manager') }} as manager_key,
        plan_month as month,
        sum(plan_amount) as plan
    from sales_plan
    where manager is not null
    group by 1, 2

),

spellings as (

    select manager, count(*) as uses from activities where manager is not null group by 1
    union all
    select manager, count(*) from deals where manager is not null group by 1
    union all
    select manager, count(*) from sales where manager is not null group by 1
    union all
    select manager, count(*) from sales_plan where manager is not null group by 1

),

spelling_uses as (

    select manager, sum(uses) as uses from spellings group by 1

),

-- the spelling used most often names the manager
manager_names as (

    select
        {{ manager_key('manager') }} as manager_key,
        first(manager order by uses desc, manager) as manager
    from spelling_uses
    group by 1

),

manager_months as (

    select manager_key, month from activity_counts
    union
    select manager_key, month from deal_counts
    union
    select manager_key, month from won_counts
    union
    select manager_key, month from revenue
    union
    select manager_key, month from plans

),

final as (

    select
        manager_names.manager,
        manager_months.manager_key,
        manager_months.month,
        coalesce(activity_counts.calls, 0) as calls,
        coalesce(activity_counts.meetings, 0) as meetings,
        coalesce(activity_counts.tasks_created, 0) as tasks_created,
        coalesce(activity_counts.tasks_due, 0) as tasks_due,
        coalesce(activity_counts.tasks_overdue, 0) as tasks_overdue,
        coalesce(deal_counts.deals_created, 0) as deals_created,
        coalesce(deal_counts.deals_answered, 0) as deals_answered,
        round(deal_counts.median_first_response_hours, 2) as median_first_response_hours,
        coalesce(won_counts.deals_won, 0) as deals_won,
        coalesce(won_counts.won_value, 0)::decimal(18, 2) as won_value,
        coalesce(revenue.revenue, 0)::decimal(18, 2) as revenue,
        plans.plan::decimal(18, 2) as plan,
        round(100 * coalesce(revenue.revenue, 0) / nullif(plans.plan, 0), 2)::double as plan_pct
    from manager_months
    inner join manager_names
        on manager_months.manager_key = manager_names.manager_key
    left join activity_counts
        on manager_months.manager_key = activity_counts.manager_key
        and manager_months.month = activity_counts.month
    left join deal_counts
        on manager_months.manager_key = deal_counts.manager_key
        and manager_months.month = deal_counts.month
    left join won_counts
        on manager_months.manager_key = won_counts.manager_key
        and manager_months.month = won_counts.month
    left join revenue
        on manager_months.manager_key = revenue.manager_key
        and manager_months.month = revenue.month
    left join plans
        on manager_months.manager_key = plans.manager_key
        and manager_months.month = plans.month

)

select * from final
