{#-
  expect_column_values_to_match_regex: every non-null value matches the regex.
  Same name and arguments as dbt_expectations.expect_column_values_to_match_regex
  (DuckDB's regexp_full_match; `flags` are passed as regexp options, e.g. 'i').
-#}
{% test expect_column_values_to_match_regex(model, column_name, regex, row_condition=None, is_raw=False, flags="") %}

select *
from {{ model }}
where {{ column_name }} is not null
  and not regexp_full_match(cast({{ column_name }} as varchar), '{{ regex }}'{% if flags %}, '{{ flags }}'{% endif %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}

{% endtest %}
