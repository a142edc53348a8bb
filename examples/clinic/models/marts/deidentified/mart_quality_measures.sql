-- De-identified quality measures for the CMO dashboard (HIPAA Safe Harbor):
-- no identifiers, no patient-level rows, years only, cells below the
-- small-cell threshold suppressed.
{% set threshold = var('small_cell_threshold') %}

with readmissions as (
    select
        year(index_discharged_at)                           as measure_year,
        facility_name,
        'READM30'                                           as measure_id,
        'All-cause 30-day readmission (lower is better)'    as measure_name,
        count(*)                                            as denominator,
        count(*) filter (where is_readmitted_30d)           as numerator
    from {{ ref('fct_readmissions_30d') }}
    group by 1, 2
),

long_stays as (
    select
        year(discharged_at)                                 as measure_year,
        facility_name,
        'LOS_GT_7'                                          as measure_id,
        'Inpatient stays longer than 7 days (lower is better)' as measure_name,
        count(*)                                            as denominator,
        count(*) filter (where length_of_stay_days > 7)     as numerator
    from {{ ref('int_inpatient_stays') }}
    group by 1, 2
),

diabetes_control as (
    select
        a1c.measure_year,
        'All facilities'                                    as facility_name,
        'DM_A1C_GT_9'                                       as measure_id,
        'Diabetes: HbA1c poor control > 9% (lower is better)' as measure_name,
        count(*)                                            as denominator,
        count(*) filter (where a1c.latest_hba1c_pct > 9)    as numerator
    from {{ ref('int_latest_hba1c') }} as a1c
    inner join {{ ref('int_chronic_conditions') }} as conditions
        on a1c.patient_id = conditions.patient_id and conditions.has_diabetes
    group by 1, 2
),

measures as (
    select * from readmissions
    union all
    select * from long_stays
    union all
    select * from diabetes_control
)

select
    measure_year,
    facility_name,
    measure_id,
    measure_name,
    denominator,
    case when denominator < {{ threshold }} then null else numerator end as numerator,
    case when denominator < {{ threshold }} then null
         else round(numerator::double / denominator, 4) end             as rate,
    denominator < {{ threshold }}                                       as is_suppressed
from measures
