with

source as (

    select * from {{ source('raw', 'crm_activities') }}

),

renamed as (

    select
        -- ids
        trim(activity_id) as activity_id,
        blank_to_null(counterparty_id) as counterparty_id,
        blank_to_null(deal_id) as deal_id,

        -- kind: call / meeting / task / email / other
        case
            when lower(type) similar to '.*(звон|call|дзвін|phone).*' then 'call'
            when lower(type) similar to '.*(встреч|meet|зустріч|визит|visit).*' then 'meeting'
            when lower(type) similar to '.*(письм|email|e-mail|mail|лист).*' then 'email'
            when lower(type) similar to '.*(задач|task|завдан|дело|справ).*' then 'task'
            else 'other'
        end as activity_type,
        trim(type) as activity_type_raw,
        case
            when lower(direction) similar to '.*(исход|outgoing|вихід).*' or lower(trim(direction)) = 'out' then 'outgoing'
            when lower(direction) similar to '.*(вход|incoming|вхід).*' or lower(trim(direction)) = 'in' then 'incoming'
        end as call_direction,
        duration_sec,
        blank_to_null(result) as result,
        blank_to_null(manager) as manager,

        -- timestamps
        created_at,
        due_at,
        done_at,
        updated_at,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
