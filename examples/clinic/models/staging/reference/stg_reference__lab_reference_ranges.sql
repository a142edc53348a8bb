select
    loinc_code,
    component_name,
    result_unit,
    cast(normal_low as double)      as normal_low,
    cast(normal_high as double)     as normal_high,
    cast(plausible_min as double)   as plausible_min,
    cast(plausible_max as double)   as plausible_max
from {{ ref('lab_reference_ranges') }}
