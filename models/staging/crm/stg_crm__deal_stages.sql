with

source as (

    select * from {{ source('raw', 'crm_deal_stages') }}

),

renamed as (

    select
        -- ids
        trim(deal_id) as deal_id,

        -- change
        trim(stage) as stage,
        blank_to_null(from_stage) as from_stage,
        blank_to_null(changed_by) as changed_by,

        -- timestamps
        entered_at,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
