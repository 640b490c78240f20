"""Manifest loading, validation in kubectl's words, defaults, the store's rules."""
from __future__ import annotations

import pytest

from app.sim.errors import InputError
from app.sim.k8s.manifests import load_documents
from app.sim.k8s.store import store_key

from .conftest import Console

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
"""


def test_multi_document_and_list() -> None:
    docs = load_documents("---\n" + DEPLOY + "---\napiVersion: v1\nkind: List\nitems:\n"
                          "- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n"
                          "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {x: y}}\n", "f.yaml")
    assert [d.kind for d in docs] == ["Deployment", "Namespace", "ConfigMap"]
    assert docs[0].line == 2


def test_yaml_errors_carry_file_and_line() -> None:
    with pytest.raises(InputError) as exc:
        load_documents("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n", "p.yaml")
    assert exc.value.path == "p.yaml" and exc.value.line is not None
    assert str(exc.value).startswith("error: error parsing p.yaml: error converting YAML to JSON: yaml: line")
    with pytest.raises(InputError, match='kind "StatefulSet"'):
        load_documents("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n", "s.yaml")
    with pytest.raises(InputError, match='no matches for kind "Deployment" in version "v1"'):
        load_documents("apiVersion: v1\nkind: Deployment\nmetadata: {name: s}\n", "d.yaml")
    with pytest.raises(InputError, match="kind not set"):
        load_documents("apiVersion: v1\nmetadata: {name: s}\n", "n.yaml")
    with pytest.raises(InputError):
        load_documents("!!python/object:os.system {}\n", "evil.yaml")


def test_validation_messages(con: Console) -> None:
    bad_selector = DEPLOY.replace("labels: {app: web}", "labels: {app: other}")
    out = con.fail("kubectl apply -f -", stdin=bad_selector)
    assert out == ('The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: '
                   'map[string]string{"app":"other"}: `selector` does not match template `labels`')
    out = con.fail("kubectl apply -f -", stdin=DEPLOY.replace("        image: nginx:1.27\n", ""))
    assert out == 'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value'
    out = con.fail("kubectl apply -f -", stdin=DEPLOY.replace("replicas: 2", "replicas: -1"))
    assert out == 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'
    out = con.fail("kubectl apply -f -", stdin=DEPLOY.replace("name: web\nspec", "name: Web\nspec"))
    assert out.startswith('The Deployment "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123')
    out = con.fail("kubectl apply -f -", stdin=DEPLOY.replace("replicas: 2", "replicas: two"))
    assert "cannot unmarshal string into Go struct field" in out and "replicas of type int32" in out
    pod = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n  containers:\n"
           "  - {name: a, image: busybox, resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}\n  - {name: a}\n")
    out = con.fail("kubectl apply -f -", stdin=pod)
    # several field errors: kubectl's MultilineError, one "* " line each
    assert out.startswith('The Pod "p" is invalid: \n* ')
    assert len(out.splitlines()) == 5
    for part in ('spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
                 'spec.containers[1].name: Duplicate value: "a"', "spec.containers[1].image: Required value",
                 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'):
        assert part in out


def test_unknown_fields_strict_and_warn(con: Console) -> None:
    typo = DEPLOY.replace("image: nginx:1.27", "image: nginx:1.27\n        imagePullPolicyy: Always")
    out = con.fail("kubectl apply -f -", stdin=typo)
    # transformDecodeError prints the version without its group: "v1", not "apps/v1"
    assert out == ('Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot '
                   'be handled as a Deployment: strict decoding error: unknown field '
                   '"spec.template.spec.containers[0].imagePullPolicyy"')
    out = con.ok("kubectl apply --validate=warn -f -", stdin=typo)
    assert out == ('Warning: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n'
                   "deployment.apps/web created")


def test_defaults_and_store_keys(con: Console) -> None:
    con.ok("kubectl apply -f -", stdin=DEPLOY)
    d = con.k8s.api.get("deployments", "default", "web")
    assert d["spec"]["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}
    assert d["spec"]["revisionHistoryLimit"] == 10 and d["spec"]["progressDeadlineSeconds"] == 600
    c = d["spec"]["template"]["spec"]["containers"][0]
    assert c["imagePullPolicy"] == "IfNotPresent"
    con.ok("kubectl run a --image=nginx")
    con.ok("kubectl run b --image=nginx@sha256:" + "0" * 64)
    assert con.k8s.api.get("pods", "default", "a")["spec"]["containers"][0]["imagePullPolicy"] == "Always"
    assert con.k8s.api.get("pods", "default", "b")["spec"]["containers"][0]["imagePullPolicy"] == "IfNotPresent"
    tols = con.k8s.api.get("pods", "default", "a")["spec"]["tolerations"]
    assert {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
            "tolerationSeconds": 300} in tols
    keys = con.k8s.api.store.keys("/registry/deployments/")
    assert keys == [store_key("deployments", "default", "web")] == ["/registry/deployments/default/web"]
    assert store_key("nodes", "", "n1") == "/registry/nodes/n1"


def test_resource_version_conflict_and_unchanged(con: Console) -> None:
    con.ok("kubectl apply -f -", stdin=DEPLOY)
    rv = con.k8s.api.get("deployments", "default", "web")["metadata"]["resourceVersion"]
    assert con.ok("kubectl apply -f -", stdin=DEPLOY) == "deployment.apps/web unchanged"
    stale = DEPLOY.replace("name: web\n", f"name: web\n  resourceVersion: \"1\"\n", 1)
    out = con.fail("kubectl apply -f -", stdin=stale.replace("replicas: 2", "replicas: 5"))
    assert out == ('Error from server (Conflict): Operation cannot be fulfilled on deployments "web": the object has '
                   "been modified; please apply your changes to the latest version and try again")
    fresh = DEPLOY.replace("name: web\n", f"name: web\n  resourceVersion: \"{con.k8s.api.get('deployments', 'default', 'web')['metadata']['resourceVersion']}\"\n", 1)
    assert con.ok("kubectl apply -f -", stdin=fresh.replace("replicas: 2", "replicas: 5")) == "deployment.apps/web configured"
    assert int(con.k8s.api.get("deployments", "default", "web")["metadata"]["resourceVersion"]) > int(rv)


def test_rejected_request_changes_nothing(con: Console) -> None:
    con.fail("kubectl apply -f -", stdin=DEPLOY.replace("replicas: 2", "replicas: -3"))
    assert con.k8s.api.get("deployments", "default", "web") is None
    con.fail("kubectl apply -f -", stdin=DEPLOY.replace("metadata:\n  name: web", "metadata:\n  name: web\n"
                                                                               "  namespace: nowhere"))
    con.fail("kubectl get pods nothing")
    con.fail("kubectl frobnicate")
    con.fail("kubectl get widgets")


def _partial(con: Console, line: str, stdin: str | None = None) -> str:
    res = con.world.run(line, stdin=stdin)
    assert not res.ok, f"{line!r} should have failed: {res.output}"
    return res.output


def test_multi_document_apply_stores_the_good_objects_and_reports_the_bad_one(con: Console) -> None:
    two = DEPLOY + "---\n" + DEPLOY.replace("name: web", "name: web2", 1).replace("replicas: 2", "replicas: -3") \
        + "---\n" + DEPLOY.replace("name: web", "name: web3", 1)
    rev = con.k8s.api.store.revision
    out = _partial(con, "kubectl apply -f -", stdin=two)
    # one error: kubectl's checkErr prints an Invalid error from its details (no file name)
    assert out == ("deployment.apps/web created\ndeployment.apps/web3 created\n"
                   'The Deployment "web2" is invalid: spec.replicas: Invalid value: -3: must be greater than or equal to 0')
    assert con.k8s.api.get("deployments", "default", "web2") is None
    assert con.k8s.api.get("deployments", "default", "web") and con.k8s.api.get("deployments", "default", "web3")
    assert con.k8s.api.store.revision > rev
    # applying it again: the good ones are unchanged, the bad one still refused
    out = _partial(con, "kubectl apply -f -", stdin=two)
    assert out.splitlines()[:2] == ["deployment.apps/web unchanged", "deployment.apps/web3 unchanged"]


def test_several_bad_objects_print_as_kubectl_aggregates_them(con: Console, tmp_path) -> None:
    bad_kind = "apiVersion: v1\nkind: Widget\nmetadata: {name: w}\n"
    typo = DEPLOY.replace("name: web", "name: typo", 1).replace("replicas: 2", "replicas: 2\n  replicaz: 3")
    invalid = DEPLOY.replace("name: web", "name: neg", 1).replace("replicas: 2", "replicas: -1")
    lost = DEPLOY.replace("name: web", "name: lost\n  namespace: nowhere", 1)
    f = tmp_path / "app.yaml"
    f.write_text("---\n".join([DEPLOY, bad_kind, typo, invalid, lost]))
    out = _partial(con, f"kubectl apply -f {f}")
    src = str(f)
    assert out.splitlines() == [
        "deployment.apps/web created",
        f'resource mapping not found for name: "w" namespace: "" from "{src}": no matches for kind "Widget" in version "v1"',
        "ensure CRDs are installed first",
        f'Error from server (BadRequest): error when creating "{src}": Deployment in version "v1" cannot be handled as '
        'a Deployment: strict decoding error: unknown field "spec.replicaz"',
        f'Error from server (Invalid): error when creating "{src}": Deployment.apps "neg" is invalid: spec.replicas: '
        "Invalid value: -1: must be greater than or equal to 0",
        f'Error from server (NotFound): error when creating "{src}": namespaces "nowhere" not found']
    assert [d["metadata"]["name"] for d in con.k8s.deployments("default")] == ["web"]


def test_broken_yaml_keeps_the_documents_before_it(con: Console) -> None:
    text = DEPLOY + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n---\n" + \
        DEPLOY.replace("name: web", "name: never", 1)
    out = _partial(con, "kubectl apply -f -", stdin=text)
    first, err = out.split("\n", 1)
    assert first == "deployment.apps/web created"
    assert err.startswith("error: error parsing STDIN: error converting YAML to JSON: yaml: line ")
    assert con.k8s.api.get("deployments", "default", "never") is None


def test_namespace_in_the_same_file_and_create_already_exists(con: Console) -> None:
    ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"
    in_ns = DEPLOY.replace("name: web", "name: web\n  namespace: shop", 1)
    assert con.ok("kubectl apply -f -", stdin=in_ns + "---\n" + ns) == \
        "namespace/shop created\ndeployment.apps/web created"
    out = _partial(con, "kubectl create -f -", stdin=in_ns + "---\n" + DEPLOY)
    assert out == ("deployment.apps/web created\n"
                   'Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "web" already exists')


def test_directory_apply(con: Console, tmp_path) -> None:
    (tmp_path / "a.yaml").write_text(DEPLOY)
    (tmp_path / "b.yml").write_text("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n"
                                    "  selector: {app: web}\n  ports: [{port: 80}]\n")
    (tmp_path / "notes.txt").write_text("ignored")
    out = con.ok(f"kubectl apply -f {tmp_path}")
    assert out == "deployment.apps/web created\nservice/web created"
    svc = con.k8s.api.get("services", "default", "web")
    assert svc["spec"]["clusterIP"].startswith("10.96.") and svc["spec"]["ports"][0]["targetPort"] == 80


def test_kubernetes_io_manifests_apply_unchanged(classroom: Console) -> None:
    out = classroom.ok("kubectl apply -f tests/fixtures/manifests/docs")
    assert out.splitlines() == [
        "namespace/development created", "configmap/game-demo created", "daemonset.apps/fluentd-elasticsearch created",
        "service/my-nodeport-service created", "pod/with-node-affinity created", "pod/nginx-tolerant created",
        "priorityclass.scheduling.k8s.io/high-priority created", "service/my-service created", "pod/nginx created"]
    classroom.ok("sim advance 10s")
    assert classroom.k8s.api.get("services", "default", "my-nodeport-service")["spec"]["ports"][0]["nodePort"] == 30007
    msg = [e for e in classroom.events("FailedScheduling") if e.pod == "with-node-affinity"][0].message
    assert msg == ("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 "
                   "nodes are available: 3 Preemption is not helpful for scheduling.")
    assert "Running" in classroom.ok("kubectl get pod nginx")
    fluentd = classroom.ok("kubectl get pods -n kube-system -l name=fluentd-elasticsearch")
    assert fluentd.count("ErrImagePull") + fluentd.count("ImagePullBackOff") == 3  # quay.io is not simulated
    assert "no such host" in classroom.ok("kubectl describe pods -n kube-system -l name=fluentd-elasticsearch")
    assert "enemy.types=aliens,monsters" in classroom.ok("kubectl describe configmap game-demo")
    out = classroom.fail("kubectl run p --image=nginx --overrides=x")
    assert "unknown flag" in out


def test_priority_admission(classroom: Console) -> None:
    classroom.ok("kubectl apply -f tests/fixtures/manifests/docs/priorityclass.yaml")
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: %s\n%s  containers: [{name: a, image: busybox}]\n"
    out = classroom.fail("kubectl apply -f -", stdin=pod % ("missing", ""))
    # kubectl's AddSourceToErr names the file in a server error of a create
    assert out == ('Error from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: no PriorityClass '
                   "with name missing was found")
    out = classroom.fail("kubectl apply -f -", stdin=pod % ("high-priority", "  priority: 5\n"))
    assert "the integer value of priority (5) must not be provided in pod spec" in out
    classroom.ok("kubectl apply -f -", stdin=pod % ("high-priority", ""))
    assert classroom.k8s.api.get("pods", "default", "p")["spec"]["priority"] == 1000000


class _Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, int]] = []

    def __call__(self, verb: str, obj: dict, old) -> None:
        self.seen.append((verb, obj["metadata"]["name"], int(obj["metadata"]["resourceVersion"])))


def test_watch_delivers_added_modified_deleted_in_revision_order(classroom: Console) -> None:
    rec = _Recorder()
    classroom.k8s.api.watch("pods", rec)
    classroom.ok("kubectl run w --image=nginx:1.27")
    classroom.ok("sim run-until pod/w=Running")
    classroom.ok("kubectl delete pod w")
    mine = [s for s in rec.seen if s[1] == "w"]
    assert mine[0][0] == "ADDED" and mine[-1][0] == "DELETED"
    assert {v for v, _, _ in mine[1:-1]} == {"MODIFIED"}
    revs = [r for _, _, r in mine]
    assert revs == sorted(revs) and len(set(revs)) == len(revs)
    writers = [e.actor for e in classroom.events("ObjectStored") if e.resource == "pods" and e.name == "w"]
    assert writers[0] == "kubectl" and "scheduler" in writers and "kubelet" in writers


def test_unknown_fields_in_the_servers_order_and_words(con: Console) -> None:
    # kubectl sends JSON made from a Go map (sorted keys); the decoder reports fields as it meets them
    pod = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p, zzz: 1}\nspec:\n  foo: 1\n  containers:\n"
           "  - {name: a, image: busybox:1.36, imagePullPolicyy: Always}\n  bar: 2\n")
    out = con.fail("kubectl apply -f -", stdin=pod)
    assert out == ('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled '
                   'as a Pod: strict decoding error: unknown field "metadata.zzz", unknown field "spec.bar", unknown '
                   'field "spec.containers[0].imagePullPolicyy", unknown field "spec.foo"')
    out = con.ok("kubectl apply --validate=warn -f -", stdin=pod)
    assert out.splitlines() == ['Warning: unknown field "metadata.zzz"', 'Warning: unknown field "spec.bar"',
                                'Warning: unknown field "spec.containers[0].imagePullPolicyy"',
                                'Warning: unknown field "spec.foo"', "pod/p created"]
    assert con.ok("kubectl apply --validate=false -f -", stdin=pod) == "pod/p unchanged"
