{#-
  expect_column_pair_values_A_to_be_greater_than_B: column_A > column_B on every
  row (>= when or_equal). Used for "admission before discharge" and "collected
  before resulted". Same name and arguments as dbt_expectations.
-#}
{% test expect_column_pair_values_A_to_be_greater_than_B(model, column_A, column_B, or_equal=False, row_condition=None) %}

select *
from {{ model }}
where {{ column_A }} is not null
  and {{ column_B }} is not null
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
  and not ({{ column_A }} {{ ">=" if or_equal else ">" }} {{ column_B }})

{% endtest %}
