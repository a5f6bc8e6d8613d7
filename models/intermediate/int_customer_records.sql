-- One row per counterparty source record with the resolved customer it belongs to. The
-- customer id is the smallest record id of its cluster, prefixed with "C-": it stays the
-- same from build to build as long as that record exists.
with

records as (

    select * from {{ ref('int_counterparty_records') }}

),

clusters as (

    select * from {{ ref('int_identity_clusters') }}

),

clustered as (

    select
        records.*,
        coalesce(clusters.cluster_no, records.record_no) as cluster_no
    from records
    left join clusters
        on records.record_no = clusters.record_no

),

final as (

    select
        'C-' || first_value(record_id) over by_cluster as customer_id,
        count(*) over (partition by cluster_no)::integer as cluster_size,
        *
    from clustered
    window by_cluster as (partition by cluster_no order by record_no)

)

select * from final
