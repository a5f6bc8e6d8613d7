with

source as (

    select * from {{ source('raw', 'accounting_marketing_spend') }}

),

renamed as (

    select
        -- grain: month × channel
        date_trunc('month', month)::date as spend_month,
        trim(channel) as channel,

        -- money and reach
        spend,
        impressions,
        clicks,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
