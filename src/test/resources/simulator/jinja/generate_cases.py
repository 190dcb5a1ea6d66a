"""Renders every case with Jinja2 set up the way st2 sets it up, for JinjaTemplateTests.

Run from this folder: python3 generate_cases.py (needs jinja2 and pyyaml). It reads the
sample aliases and default.j2 one folder up and writes cases.json.
"""
import datetime
import json
import os

import jinja2
import jinja2.sandbox
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


# st2common/expressions/functions: the filters st2 adds
def to_json_string(value, indent=None, sort_keys=False, separators=(",", ": ")):
    return json.dumps(value, indent=indent, sort_keys=sort_keys, separators=separators)


def to_yaml_string(value, indent=None, allow_unicode=True):
    return yaml.safe_dump(value, indent=indent, allow_unicode=allow_unicode, default_flow_style=False)


def to_human_time_from_seconds(seconds):
    if seconds == 0:
        return "0s"
    if seconds < 1:
        return "%s\u03BCs" % seconds
    if isinstance(seconds, float):
        seconds = int(round(seconds))
    offset = datetime.datetime(1, 1, 1) + datetime.timedelta(seconds=seconds)
    parts = [offset.year - 1, offset.day - 1, offset.hour, offset.minute, offset.second]
    first = next((i for i, x in enumerate(parts) if x), None)
    parts = parts[first:]
    return ["%ss", "%sm%ss", "%sh%sm%ss", "%sd%sh%sm%ss", "%sy%sd%sh%sm%ss"][len(parts) - 1] % tuple(parts)


class Six(object):
    """What st2's default.j2 calls: six.iteritems(d)."""

    @staticmethod
    def iteritems(d):
        return iter(d.items())


def environment(strict):
    env = jinja2.sandbox.SandboxedEnvironment(
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update({"to_json_string": to_json_string, "to_yaml_string": to_yaml_string,
                        "to_human_time_from_seconds": to_human_time_from_seconds})
    env.tests["in"] = lambda item, list: item in list
    return env


def execution(status="succeeded", runner="python-script", result=None, parameters=None, elapsed=2.000512):
    e = {
        "id": "5f3d1c2b9a8e7d6c5b4a3921",
        "action": {"ref": "st2.executions.list", "name": "executions.list", "pack": "st2",
                   "runner_type": runner},
        "runner": {"name": runner},
        "status": status,
        "start_timestamp": "2026-07-20T10:15:30.123456Z",
        "end_timestamp": "2026-07-20T10:15:32.123968Z",
        "elapsed_seconds": elapsed,
        "web_url": "http://localhost:9101/#/history/5f3d1c2b9a8e7d6c5b4a3921/general",
        "parameters": parameters if parameters is not None else {"limit": 5},
        "context": {"user": "st2admin", "api_user": "alice", "source_channel": "slack:C024BE91L"},
    }
    if result is not None:
        e["result"] = result
    return e


EXECUTIONS_RESULT = {"exit_code": 0, "stderr": "", "stdout": "", "result": [
    {"id": "5f3d1c2b9a8e7d6c5b4a3920", "action": {"ref": "core.local"}, "status": "succeeded",
     "start_timestamp": "2026-07-20T10:14:01.000001Z", "end_timestamp": "2026-07-20T10:14:02.500000Z"},
    {"id": "5f3d1c2b9a8e7d6c5b4a391f", "action": {"ref": "packs.install"}, "status": "running",
     "start_timestamp": "2026-07-20T10:13:00.000001Z"}]}
RULES_RESULT = {"exit_code": 0, "stderr": "", "stdout": "", "result": [
    {"ref": "chatops.notify", "trigger": {"ref": "core.st2.generic.notifytrigger"},
     "action": {"ref": "chatops.post_result"}, "description": "Notification rule"},
    {"ref": "examples.sample_rule", "trigger": {"ref": "core.st2.webhook"}, "action": {"ref": "core.local"},
     "description": ""}]}
LOCAL_RESULT = {"failed": False, "return_code": 0, "stderr": "", "succeeded": True,
                "stdout": "PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.\n64 bytes from 8.8.8.8: icmp_seq=1 ttl=117 time=9.8 ms\n\n--- 8.8.8.8 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss"}
REMOTE_RESULT = {"web01": {"failed": False, "return_code": 0, "stderr": "", "stdout": "Mon Jul 20 10:15:31 UTC 2026",
                           "succeeded": True},
                 "web02": {"failed": True, "return_code": 1, "stderr": "date: not found", "stdout": "",
                           "succeeded": False}}


def alias_cases():
    aliases = json.load(open(os.path.join(HERE, "..", "aliases.json")))
    contexts = {
        "st2.st2_executions_list": execution(result=EXECUTIONS_RESULT),
        "st2.st2_actions_list": execution(result={"exit_code": 0, "stderr": "", "stdout": "", "result": [
            {"ref": "core.local", "description": "Action that executes an arbitrary Linux command on the localhost."},
            {"ref": "core.noop", "description": ""}]}),
        "st2.st2_rules_list": execution(result=RULES_RESULT),
        "st2.st2_rules_enable": execution(result={"exit_code": 0, "stderr": "", "stdout": "",
                                                  "result": RULES_RESULT["result"][0]},
                                          parameters={"name": "notify", "pack": "chatops"}),
        "networking_utils.ping": execution(runner="local-shell-cmd", result=LOCAL_RESULT,
                                           parameters={"host": "8.8.8.8", "count": 1}),
        "packs.pack_install": execution(runner="orquesta", result={"output": {"message": "installed"}},
                                        parameters={"packs": ["aws", "github"]}),
        "packs.pack_search": execution(result={"exit_code": 0, "stderr": "", "stdout": "", "result": [
            {"name": "aws", "description": "st2 content pack containing Amazon Web Services integrations."}]},
            parameters={"query": "aws"}),
        "packs.pack_get": execution(result={"exit_code": 0, "stderr": "", "stdout": "", "result": {
            "pack": {"name": "aws", "version": "2.1.0", "description": "AWS integrations", "keywords": ["aws", "ec2"]},
            "git_status": "Status:\n## master...origin/master"}}, parameters={"pack": "aws"}),
        "examples.remote_shell_cmd": execution(runner="remote-shell-cmd", result=REMOTE_RESULT,
                                               parameters={"cmd": "date", "hosts": "web01,web02"}),
    }
    cases = []
    for alias in aliases:
        ctx = contexts.get(alias["ref"], execution(parameters={"id": "5f3d1c2b9a8e7d6c5b4a3920"}))
        if "format" in alias.get("ack", {}):
            cases.append(case("ack " + alias["ref"], alias["ack"]["format"],
                              {"execution": ctx, "actionalias": alias}, True))
        if "format" in alias.get("result", {}):
            for status in ("succeeded", "failed"):
                c = dict(ctx, status=status)
                cases.append(case("result %s %s" % (status, alias["ref"]), alias["result"]["format"],
                                  {"six": Six, "execution": c, "alias": alias}, False))
        for key, value in alias.get("result", {}).get("extra", {}).items():
            cases.append(case("result extra %s %s" % (key, alias["ref"]), json.dumps(value),
                              {"six": Six, "execution": ctx, "alias": alias}, True))
    return cases


def default_template_cases():
    template = open(os.path.join(HERE, "..", "default.j2")).read()
    runs = {
        "local-shell-cmd": execution(runner="local-shell-cmd", result=LOCAL_RESULT),
        "remote-shell-cmd": execution(runner="remote-shell-cmd", result=REMOTE_RESULT),
        "python-script": execution(runner="python-script", result={"exit_code": 0, "stderr": "", "stdout": "",
                                                                   "result": {"a": 1, "b": {"c": "d\ne"}}}),
        "orquesta": execution(runner="orquesta", result={"output": {"count": 0, "names": ["a", "b"], "ok": True,
                                                                     "none": None}}),
        "http-request": execution(runner="http-request", result={"status_code": 200, "body": "ok",
                                                                 "headers": {"Server": "nginx"}}),
        "string result": execution(runner="noop", result="just text"),
        "no result, short": execution(runner="local-shell-cmd", elapsed=0.201234),
        "long run": execution(runner="local-shell-cmd", elapsed=3725.5, result=LOCAL_RESULT),
    }
    return [case("default.j2 " + name, template, {"six": Six, "execution": e}, False) for name, e in runs.items()]


SYNTHETIC = [
    ("whitespace minus", "a  {%- if true -%}  b  {%- endif -%}  c", {}, False),
    ("lstrip and trim", "x\n    {% if true %}\n    y\n    {% endif %}\nz\n", {}, False),
    ("plus keeps indentation", "x\n    {%+ if true %}\ny\n{% endif %}", {}, False),
    ("comment", "a\n  {# note #}\nb", {}, False),
    ("output not lstripped", "  {{ 'v' }}\n  {{ 'w' }}", {}, False),
    ("python str", "{{ d }}|{{ l }}|{{ t }}|{{ f }}|{{ n }}|{{ x }}|{{ q }}",
     {"d": {"a": 1, "b": [True, None, "it's"]}, "l": ["x", 2.5], "t": True, "f": False, "n": None, "x": 2.0,
      "q": "say \"hi\""}, False),
    ("filters", "{{ l | join(', ') }}|{{ s | replace('T', ' ') }}|{{ s[:10] }}|{{ l | length }}|{{ '  p ' | trim }}|"
                "{{ u | default('dflt') }}|{{ l | first }}|{{ l | last }}|{{ s | upper }}|{{ 'ab' | join('-') }}|"
                "{{ m | selectattr('k', 'equalto', 1) | map(attribute='v') | join }}",
     {"l": ["a", "b", "c"], "s": "2026-07-20T10:15:30.1Z", "m": [{"k": 1, "v": "x"}, {"k": 2, "v": "y"}]}, False),
    ("tests", "{{ s is string }}{{ m is mapping }}{{ u is defined }}{{ u is not defined }}{{ n is none }}"
              "{{ 'a' is in l }}{{ 3 is odd }}", {"s": "x", "m": {}, "n": None, "l": ["a"]}, False),
    ("operators", "{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 'a' ~ 1 }} {{ 'x' in 'xyz' }} {{ 2 not in l }} "
                  "{{ d and ' - ' + d }}|{{ e and ' - ' + e }}|{{ e or 'empty' }} {{ 'y' if t else 'n' }} "
                  "{{ not t }} {{ l | length > 1 }} {{ 7 / 2 }} {{ -n }}",
     {"l": [1, 2], "d": "desc", "e": "", "t": True, "n": 4}, False),
    ("loop", "{% for x in l %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% else %}none{% endfor %}"
             "|{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}|{% for x in [] %}x{% else %}empty{% endfor %}",
     {"l": ["a", "b"], "d": {"x": 1, "y": 2}}, False),
    ("set scope", "{% set a = 1 %}{% for x in l %}{% set a = x %}{{ a }}{% endfor %}{{ a }}", {"l": [5, 6]}, False),
    ("macro", "{% macro m(x, p='-') %}{% if x is mapping %}{% for k in x %}{{ p }}{{ k }}{{ m(x[k], p + '-') }}"
              "{% endfor %}{% else %}={{ x }};{% endif %}{% endmacro %}{{ m(d) }}", {"d": {"a": {"b": 1}, "c": 2}},
     False),
    ("split", "{{ 'a,b,,c'.split(',') }} {{ ' a  b '.split() }} {{ ('x\\ny' | trim).split('\\n') | length }}", {},
     False),
    ("lenient undefined", "[{{ u }}][{{ d.missing }}][{{ u | length }}][{% for x in u %}x{% endfor %}]"
                          "[{% if d.missing %}y{% else %}n{% endif %}]", {"d": {}}, False),
    ("lenient attribute of undefined fails", "{{ d.missing.deeper }}", {"d": {}}, False),
    ("strict undefined variable", "{{ nope }}", {}, True),
    ("strict missing attribute", "{{ execution.parameters.nope }}", {"execution": {"parameters": {}}}, True),
    ("strict defined test", "{{ u is defined }}", {}, True),
    ("strict missing key in condition", "{% if not 'os' in execution.parameters %}all{% endif %}",
     {"execution": {"parameters": {"package": "st2"}}}, True),
    ("human time", "{{ 0 | to_human_time_from_seconds }} {{ 59.6 | to_human_time_from_seconds }} "
                   "{{ 3725 | to_human_time_from_seconds }} {{ 90061 | to_human_time_from_seconds }}", {}, False),
    ("json and yaml", "{{ d | to_json_string }}\n{{ d | to_yaml_string }}",
     {"d": {"name": "aws", "version": "2.1.0", "keywords": ["aws", "ec2"], "n": 1, "desc": "caf\u00e9"}}, False),
]


def case(name, template, context, strict):
    c = {"name": name, "template": template, "context": context, "strict": strict}
    try:
        c["expected"] = environment(strict).from_string(template).render(context)
    except Exception as e:  # the message st2 would put in the ack or log
        c["error"] = str(e)
    if context.get("six") is Six:
        c["context"] = dict(context)
        c["context"]["six"] = "six"
    return c


def main():
    cases = alias_cases() + default_template_cases() + [case(*s) for s in SYNTHETIC]
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump({"jinja2": jinja2.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d cases" % len(cases))


if __name__ == "__main__":
    main()
