-- One row per pipeline × stage: whether the stage is an open funnel stage or a won / lost
-- outcome, and its place in the funnel. Pipelines differ between companies, so the order is
-- read from the stage history: each deal ranks the open stages it entered by first entry
-- (1, 2, 3 …), and stages are ordered by the median of those ranks (then the mean, then how
-- many deals entered). A stage known only as some deal's current stage comes after them —
-- except a CRM's default first stage (Bitrix24 «Новая», amoCRM «Первичный контакт», RetailCRM
-- «Новый», English «New», «Prospecting»…), which comes first: without history nothing else
-- says where a stage stands, and an export of current stages only (the Maven sample) would
-- otherwise rank its crowded later stage before its first one.
-- The var funnel_stages (a list of stage names) overrides the order in every pipeline; open
-- stages it does not list are left out of the funnel. A stage is an outcome when most deals
-- resting in it are won (or lost) — the deals' own status says what the stage means.
{%- set listed_stages = var('funnel_stages', []) or [] %}
{%- set first_stage_names = "(new|new lead|new deal|lead|prospect|prospecting|новая|новый|новый лид|новая сделка|новая заявка|новый заказ|не обработан|неразобранное|первичный контакт|нова|новий|нова угода|новий лід|не оброблений|первинний контакт)" %}
with

deals as (

    select * from {{ ref('int_crm_deals') }}

),

deal_stages as (

    select * from {{ ref('stg_crm__deal_stages') }}

),

resting_deals as (

    select
        pipeline,
        current_stage as stage,
        count(*) as deals_now,
        count(*) filter (where deal_status = 'won') as won_now,
        count(*) filter (where deal_status = 'lost') as lost_now
    from deals
    group by 1, 2

),

first_entries as (

    select
        deals.pipeline,
        deal_stages.deal_id,
        deal_stages.stage,
        min(deal_stages.entered_at) as first_entered_at
    from deal_stages
    inner join deals
        on deal_stages.deal_id = deals.deal_id
    group by 1, 2, 3

),

known_stages as (

    select pipeline, stage from first_entries
    union
    select pipeline, stage from resting_deals

),

classified as (

    select
        known_stages.pipeline,
        known_stages.stage,
        case
            when coalesce(resting_deals.won_now, 0) * 2 > resting_deals.deals_now then 'won'
            when coalesce(resting_deals.lost_now, 0) * 2 > resting_deals.deals_now then 'lost'
            else 'open'
        end as stage_kind,
        coalesce(resting_deals.deals_now, 0) as deals_now
    from known_stages
    left join resting_deals
        on known_stages.pipeline = resting_deals.pipeline
        and known_stages.stage = resting_deals.stage

),

open_entries as (

    select
        first_entries.pipeline,
        first_entries.stage,
        row_number() over (
            partition by first_entries.deal_id
            order by first_entries.first_entered_at, first_entries.stage
        ) as entry_rank
    from first_entries
    inner join classified
        on first_entries.pipeline = classified.pipeline
        and first_entries.stage = classified.stage
    where classified.stage_kind = 'open'

),

entry_positions as (

    select
        pipeline,
        stage,
        count(*) as deals_entered,
        median(entry_rank) as median_entry_rank,
        avg(entry_rank) as mean_entry_rank
    from open_entries
    group by 1, 2

),

listed as (

    {%- if listed_stages | length > 0 %}
    select * from (values
        {%- for listed_stage in listed_stages %}
        ('{{ listed_stage | replace("'", "''") }}', {{ loop.index }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as listed_stages (stage, listed_rank)
    {%- else %}
    select null::varchar as stage, null::integer as listed_rank where false
    {%- endif %}

),

candidates as (

    select
        classified.pipeline,
        classified.stage,
        classified.stage_kind,
        classified.deals_now,
        coalesce(entry_positions.deals_entered, 0) as deals_entered,
        entry_positions.median_entry_rank,
        entry_positions.mean_entry_rank,
        listed.listed_rank,
        classified.stage_kind = 'open'
            {%- if listed_stages | length > 0 %} and listed.listed_rank is not null{% endif %} as is_funnel_stage,
        entry_positions.median_entry_rank is null
            and lower(trim(classified.stage)) similar to '{{ first_stage_names }}' as is_first_by_name
    from classified
    left join entry_positions
        on classified.pipeline = entry_positions.pipeline
        and classified.stage = entry_positions.stage
    left join listed
        on classified.stage = listed.stage

),

ranked as (

    select
        *,
        case when is_funnel_stage then
            row_number() over (
                partition by pipeline, is_funnel_stage
                order by listed_rank nulls last, is_first_by_name desc, median_entry_rank nulls last, mean_entry_rank nulls last, deals_entered desc, stage
            )
        end as stage_rank
    from candidates

),

final as (

    select
        pipeline,
        stage,
        stage_kind,
        stage_rank,
        case when is_funnel_stage then
            lead(stage) over (partition by pipeline, is_funnel_stage order by stage_rank)
        end as next_stage,
        case
            when not is_funnel_stage then null
            when listed_rank is not null then 'funnel_stages'
            when is_first_by_name then 'first_stage_name'
            when median_entry_rank is null then 'current_stage_only'
            else 'history'
        end as order_source,
        deals_entered,
        deals_now,
        median_entry_rank
    from ranked

)

select * from final
