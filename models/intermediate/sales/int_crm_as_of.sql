-- One row: the moment the CRM data runs to — the latest creation, update, close, stage
-- change or activity in the exports. Stalled deals, unattended leads and overdue tasks are
-- judged as of it (not the wall clock), so rebuilding an old export gives the same lists.
with

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

activities as (

    select * from {{ ref('stg_crm__activities') }}

),

moments as (

    select max(greatest(created_at, updated_at, closed_at)) as moment from deals
    union all
    select max(entered_at) from deal_stages
    union all
    -- a task's due date may lie ahead; only when it was created is a fact
    select max(created_at) from activities

),

final as (

    select
        max(moment) as as_of_at,
        max(moment)::date as as_of_date
    from moments

)

select * from final
