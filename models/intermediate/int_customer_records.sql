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

cluster_ids as (

    select
        cluster_no,
        'C-' || min(record_id) as customer_id,
        count(*)::integer as cluster_size
    from clustered
    group by cluster_no

),

final as (

    select
        cluster_ids.customer_id,
        cluster_ids.cluster_size,
        clustered.*
    from clustered
    inner join cluster_ids
        on clustered.cluster_no = cluster_ids.cluster_no

)

select * from final
