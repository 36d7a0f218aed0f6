"""Airflow 3's REST API (`/api/v2`), logged in through the auth manager's `/auth/token`: the check drives Airflow
the way an operator's tools would, never through its database."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from prodcheck.processes import CheckFailed


class AirflowApi:
    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._credentials = {"username": username, "password": password}
        self._token: str | None = None

    def wait_healthy(self, timeout: float, alive: Any = None) -> None:
        """Wait until the API server answers and accepts the login (`alive()` fails fast if a component died)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.login()
                self.get("/api/v2/version")
                return
            except (urllib.error.URLError, ConnectionError, CheckFailed) as e:
                if time.monotonic() > deadline:
                    raise CheckFailed(f"the API server at {self.base_url} did not come up in {timeout:.0f} s: "
                                      f"{e}") from e
            if alive is not None:
                alive()
            time.sleep(2)

    def login(self) -> None:
        """A JWT from `/auth/token` (the API server refuses every `/api/v2` call without one)."""
        answer = self._request("POST", "/auth/token", self._credentials, auth=False)
        self._token = answer["access_token"]

    def get(self, path: str, **params: Any) -> Any:
        query = f"?{urllib.parse.urlencode(params, doseq=True)}" if params else ""
        return self._request("GET", path + query)

    def post(self, path: str, body: Any) -> Any:
        return self._request("POST", path, body)

    def patch(self, path: str, body: Any) -> Any:
        return self._request("PATCH", path, body)

    def _request(self, method: str, path: str, body: Any = None, *, auth: bool = True,
                 fresh_token: bool = False) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        req.add_header("Accept", "application/json")
        if auth and self._token:
            req.add_header("Authorization", f"Bearer {self._token}")
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            if e.code == 401 and auth and not fresh_token:  # tokens expire during a long check: log in again
                self.login()
                return self._request(method, path, body, fresh_token=True)
            detail = e.read().decode(errors="replace")[:500]
            raise CheckFailed(f"Airflow API {method} {path} answered {e.code}: {detail}") from e
        return json.loads(raw) if raw else None

    # The few calls the check makes.
    def dags(self) -> list[dict[str, Any]]:
        return self.get("/api/v2/dags", limit=100)["dags"]

    def import_errors(self) -> list[dict[str, Any]]:
        return self.get("/api/v2/importErrors", limit=100)["import_errors"]

    def unpause(self, dag_id: str) -> None:
        self.patch(f"/api/v2/dags/{dag_id}", {"is_paused": False})

    def trigger(self, dag_id: str, conf: dict[str, Any] | None = None) -> str:
        run = self.post(f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None, "conf": conf or {}})
        return run["dag_run_id"]

    def dag_runs(self, dag_id: str) -> list[dict[str, Any]]:
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns", limit=100)["dag_runs"]

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        run = urllib.parse.quote(run_id, safe="")
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns/{run}/taskInstances", limit=1000)["task_instances"]

    def assets(self) -> list[dict[str, Any]]:
        return self.get("/api/v2/assets", limit=100)["assets"]

    def announce(self, asset_id: int) -> None:
        """An asset event from outside any DAG (what the department's upload tool would post)."""
        self.post("/api/v2/assets/events", {"asset_id": asset_id, "extra": {"from": "prod_check"}})

    def open_approvals(self) -> list[dict[str, Any]]:
        """Human-in-the-loop requests of every DAG run that nobody has answered yet."""
        answer = self.get("/api/v2/dags/~/dagRuns/~/hitlDetails", response_received="false", limit=100)
        return answer["hitl_details"]

    def answer_approval(self, ti: dict[str, Any], options: list[str]) -> None:
        run = urllib.parse.quote(ti["dag_run_id"], safe="")
        path = f"/api/v2/dags/{ti['dag_id']}/dagRuns/{run}/taskInstances/{ti['task_id']}/{ti['map_index']}" \
               "/hitlDetails"
        self.patch(path, {"chosen_options": options})
