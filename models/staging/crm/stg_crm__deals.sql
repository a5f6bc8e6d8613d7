with

source as (

    select * from {{ source('raw', 'crm_deals') }}

),

renamed as (

    select
        -- ids
        trim(deal_id) as deal_id,
        nullif(trim(counterparty_id), '') as counterparty_id,

        -- deal
        nullif(trim(title), '') as deal_title,
        amount as deal_amount,
        nullif(trim(pipeline), '') as pipeline,
        trim(stage) as stage,
        -- won / lost / open: from an explicit status column, else from the stage name
        case
            when lower(coalesce(status, '')) similar to '.*(won|win|успеш|выигр|виграно|реализован|закрыта успешно|оплачен|success).*'
                and lower(coalesce(status, '')) not similar to '.*(не реализ|не успеш|unsuccess).*' then 'won'
            when lower(coalesce(status, '')) similar to '.*(lost|lose|проигр|отказ|не реализ|програно|відмов|fail|closed lost).*' then 'lost'
            when lower(coalesce(status, '')) similar to '.*(open|в работе|активн|in progress).*' then 'open'
            when lower(stage) similar to '.*(не реализ|проигр|отказ|lost|відмов|не успеш|програно|закрыто и не).*' then 'lost'
            when lower(stage) similar to '.*(успешно|won|выигр|реализовано|оплачено|виграно|closed won).*' then 'won'
            else 'open'
        end as deal_status,
        nullif(trim(lost_reason), '') as lost_reason,
        nullif(trim(product_category), '') as product_category,

        -- attribution
        nullif(trim(source), '') as source_channel,
        nullif(trim(manager), '') as manager,

        -- timestamps
        created_at,
        closed_at,
        updated_at,
        first_response_at,

        _extra as extra_attributes,
        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
