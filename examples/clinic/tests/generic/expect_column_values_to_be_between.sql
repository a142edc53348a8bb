{#-
  expect_column_values_to_be_between: values lie between min_value and max_value
  (inclusive unless strictly=true), optionally only on rows matching row_condition.
  Same name and arguments as dbt_expectations.expect_column_values_to_be_between.
-#}
{% test expect_column_values_to_be_between(model, column_name, min_value=None, max_value=None, row_condition=None, strictly=False) %}

select *
from {{ model }}
where {{ column_name }} is not null
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
  and (
      1 = 2
      {%- if min_value is not none %}
      or {{ column_name }} {{ "<=" if strictly else "<" }} {{ min_value }}
      {%- endif %}
      {%- if max_value is not none %}
      or {{ column_name }} {{ ">=" if strictly else ">" }} {{ max_value }}
      {%- endif %}
  )

{% endtest %}
