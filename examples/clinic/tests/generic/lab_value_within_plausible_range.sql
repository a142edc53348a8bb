{#-
  lab_value_within_plausible_range: every numeric lab result lies within the
  physiologically plausible limits recorded for its LOINC code in the
  `lab_reference_ranges` seed (plausible_min / plausible_max, not the normal
  range: abnormal results are expected, impossible ones are not).
-#}
{% test lab_value_within_plausible_range(model, column_name, code_column='loinc_code', reference=none) %}

select results.*
from {{ model }} as results
inner join {{ reference }} as ranges
    on results.{{ code_column }} = ranges.loinc_code
where results.{{ column_name }} is not null
  and (results.{{ column_name }} < ranges.plausible_min
       or results.{{ column_name }} > ranges.plausible_max)

{% endtest %}
