with

source as (

    select * from {{ source('raw', 'accounting_sales_plan') }}

),

renamed as (

    select
        -- grain: month × manager
        date_trunc('month', month)::date as plan_month,
        trim(manager) as manager,

        -- money
        plan_amount,

        _file_id as source_file_id,
        _row_no as source_row_no

    from source

)

select * from renamed
