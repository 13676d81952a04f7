"""Generated requests from the OpenAPI schema against the real server: never a 500.

schemathesis's pytest plugin does not run under pytest 9 here, so the test
drives its Hypothesis strategies directly, one operation at a time.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 60


def test_no_server_errors_on_generated_requests(server):
    schema = schemathesis.openapi.from_url(server.base + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} >= {
        "/api/articles",
        "/api/search",
        "/api/articles/{article_id}",
    }
    for operation in operations:

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def check(case):
            response = case.call(base_url=server.base, timeout=30)
            assert response.status_code < 500, (case.method, case.path, case.query, response.text[:500])
            if response.status_code >= 400:
                assert response.json()["error"], response.text

        check()
