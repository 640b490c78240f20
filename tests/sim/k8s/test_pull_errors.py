"""Kubelets report image pull failures in containerd's words, wrapped in the CRI's gRPC status."""
from __future__ import annotations


def test_missing_tag_is_not_found_and_unknown_repository_is_access_denied(classroom) -> None:  # noqa: ANN001
    classroom.ok("kubectl run typo --image=nginx:1.161")
    classroom.ok("kubectl run nobody --image=nosuchuser/nothing:1")
    classroom.ok("sim advance 20s")
    typo = classroom.ok("kubectl describe pod typo")
    assert ('Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image '
            '"docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": '
            'docker.io/library/nginx:1.161: not found') in typo
    assert "Error response from daemon" not in typo   # that is the Docker CLI's wording, not the kubelet's
    nobody = classroom.ok("kubectl describe pod nobody")
    assert "rpc error: code = Unknown desc = failed to pull and unpack image" in nobody
    assert "pull access denied, repository does not exist or may require authorization" in nobody
    assert "ImagePullBackOff" in classroom.ok("kubectl get pods")
