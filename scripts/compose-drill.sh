#!/usr/bin/env bash
# The compose drill (`make drill-compose`): deploy/docker-compose.yml brought up for real, as docs/deploy.md
# tells an office to, and checked from outside through nginx; then stopped and started again (the data
# stays), and backed up and verified inside the app container. Runs with podman and podman-compose (Debian
# packages, installed here if missing), because the test machines run no Docker engine and reach no
# container registry: the three base images come from tests/deploy/compose/ (see its README), built on a
# Debian 12 root made with debootstrap. Not in `make test` (8-15 minutes, most of it building images).
# podman-compose from PyPI (a virtual environment under the drill's folder): Debian 12's 1.0.3 cannot give a
# service a fixed address, which nginx's place in TAIZHANG_TRUSTED_PROXIES needs.
# Exit 0 when every check passed; the first failed check stops it with its reason and the services' logs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${TAIZHANG_DRILL_DIR:-$root/var/compose-drill}
host=taizhang.example.gov.cn
http_port=${TAIZHANG_DRILL_HTTP_PORT:-18080}
https_port=${TAIZHANG_DRILL_HTTPS_PORT:-18443}
project=taizhang-drill
images=localhost/taizhang-drill
password='Drill-Passw0rd-2026!'

step() { printf '\n== %s\n' "$*"; }
fail() {
  printf '\nFAILED: %s\n' "$*" >&2
  (cd "$work/src/deploy" && compose logs --tail 40) >&2 || true
  exit 1
}
compose() { "$work/venv/bin/podman-compose" -p "$project" -f docker-compose.yml "$@"; }

step "tools: podman, runc, debootstrap, podman-compose"
missing=()
for tool in podman runc debootstrap openssl curl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  apt-get install -y -q podman runc debootstrap openssl curl >/dev/null
fi
mkdir -p "$work"
[ -x "$work/venv/bin/podman-compose" ] || {
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q 'podman-compose>=1.1,<2'
}
# This kind of machine: cgroups v1 and v2 mixed (crun refuses) and no raising of rlimits inside the sandbox.
if [ ! -e /etc/containers/containers.conf ]; then
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' \
    >/etc/containers/containers.conf
fi

step "base image: Debian 12 from the Debian mirror (debootstrap), once"
if ! podman image exists "$images/debian:bookworm"; then
  rm -rf "$work/rootfs"
  debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$images/debian:bookworm" >/dev/null
  rm -rf "$work/rootfs"
fi

step "stand-ins for python, postgres and nginx (tests/deploy/compose)"
for name in python postgres nginx; do
  podman build -q --build-arg "BASE=$images/debian:bookworm" -f "tests/deploy/compose/$name.Dockerfile" \
    -t "$images/$name:drill" "$root/tests/deploy/compose" >/dev/null
done

step "a copy of this working tree, its secrets and a test certificate"
rm -rf "$work/src" && mkdir -p "$work/src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -c) | tar -C "$work/src" -x
# The wheels with this machine's Python (the stand-in's: Debian 12's 3.11), so the build fetches nothing.
(cd "$work/src" && deploy/make-wheels.sh /usr/bin/python3 >/dev/null)
cd "$work/src/deploy"
./make-secrets.sh >/dev/null
# As docs/deploy.md tells an office on a port other than 443: the port in the trusted origin.
sed -i "s|TAIZHANG_CSRF_TRUSTED_ORIGINS: https://$host\$|TAIZHANG_CSRF_TRUSTED_ORIGINS: https://$host:$https_port|" \
  docker-compose.yml
grep -q "https://$host:$https_port" docker-compose.yml || fail "the trusted origin was not set"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
  -keyout secrets/tls.key -out secrets/tls.crt 2>/dev/null
chmod 0444 secrets/tls.key

export TAIZHANG_PYTHON_IMAGE=$images/python:drill TAIZHANG_POSTGRES_IMAGE=$images/postgres:drill
export TAIZHANG_NGINX_IMAGE=$images/nginx:drill TAIZHANG_HTTP_PORT=$http_port TAIZHANG_HTTPS_PORT=$https_port
# Whatever an earlier drill left (its containers, volumes and network), then the same at the end unless kept.
clean() {
  podman ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r podman rm -f >/dev/null 2>&1 || true
  podman volume ls -q --filter "label=com.docker.compose.project=$project" | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  podman network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r podman network rm -f >/dev/null 2>&1 || true
}
clean
[ -n "${TAIZHANG_DRILL_KEEP:-}" ] || trap clean EXIT

step "docker-compose.yml up --build"
compose up -d --build >"$work/up.log" 2>&1 || { cat "$work/up.log"; fail "compose up"; }

https() { curl -sS --max-time 20 --cacert secrets/tls.crt --resolve "$host:$https_port:127.0.0.1" "$@"; }
url="https://$host:$https_port"
wait_ready() {
  for _ in $(seq 1 120); do
    [ "$(https -o /dev/null -w '%{http_code}' "$url/readyz" 2>/dev/null)" = 200 ] && return 0
    sleep 2
  done
  fail "$url/readyz did not answer 200 within 4 minutes"
}
wait_ready
echo "readyz through nginx and TLS: 200"

step "checks from outside"
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$http_port/healthz")
[ "$code" = 200 ] || fail "healthz over HTTP answered $code"
echo "healthz over HTTP: 200"
where=$(curl -sS -o /dev/null -w '%{redirect_url}' -H "Host: $host" "http://127.0.0.1:$http_port/login/")
[ "$where" = "https://$host/login/" ] || fail "HTTP was not moved to HTTPS: '$where'"
echo "HTTP moved to HTTPS"
https -D - -o /dev/null "$url/login/" | grep -qi '^strict-transport-security:' || fail "no HSTS header"
echo "HSTS on HTTPS"
big=$(head -c $((101 * 1024 * 1024)) /dev/zero | https -o /dev/null -w '%{http_code}' --data-binary @- "$url/login/")
[ "$big" = 413 ] || fail "a 101 MB body answered $big, not 413"
echo "101 MB body: 413"

step "the first administrator (taizhang setup), then a sign-in over HTTPS"
compose exec -T -e TAIZHANG_SETUP_PASSWORD="$password" app \
  taizhang setup --region 演练区 --level district --username drill_admin --display-name 演练 >/dev/null \
  || fail "taizhang setup"
sign_in() {
  local jar=$work/cookies
  rm -f "$jar"
  token=$(https -c "$jar" "$url/login/" | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  [ -n "$token" ] || fail "no sign-in form"
  headers=$(https -b "$jar" -c "$jar" -D - -o /dev/null -H "Referer: $url/login/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=drill_admin" \
    --data-urlencode "password=$password" "$url/login/")
  echo "$headers" | grep -q '^HTTP/[0-9.]* 302' || fail "sign-in did not redirect: $(echo "$headers" | head -1)"
  echo "$headers" | grep -i '^set-cookie: .*sessionid=' | grep -qi 'secure' || fail "no Secure session cookie"
}
sign_in
echo "signed in; the session cookie is Secure"

step "tick and worker"
# The tick's loop runs once at start, maybe before the app migrated (podman does not wait for health):
# run it now, as its loop will, and require a clean run.
compose exec -T tick taizhang tick >"$work/tick.log" 2>&1 || { cat "$work/tick.log"; fail "taizhang tick"; }
if podman logs "${project}_tick_1" 2>&1 | grep -q Traceback; then fail "the tick's loop printed a traceback"; fi
podman ps --format '{{.Names}} {{.Status}}' | grep "${project}_worker_1" | grep -q Up || fail "worker not up"
echo "tick ran: $(tail -1 "$work/tick.log")"

step "backup with its verification inside the app container (pg_dump of the db service)"
compose exec -T app sh -c 'mkdir -p /var/lib/taizhang/backups && taizhang backup /var/lib/taizhang/backups --verify' >"$work/backup.log" 2>&1 \
  || { cat "$work/backup.log"; fail "taizhang backup --verify"; }
tail -2 "$work/backup.log"

step "stopped and started again: the data stays"
compose down >/dev/null 2>&1
compose up -d >/dev/null 2>&1
wait_ready
sign_in
echo "after a restart the administrator signs in again"

step "taizhang upgrade (backup first) as docs/deploy.md says"
compose exec -T app taizhang upgrade --backup-to /var/lib/taizhang/backups >"$work/upgrade.log" 2>&1 \
  || { cat "$work/upgrade.log"; fail "taizhang upgrade"; }
tail -2 "$work/upgrade.log"

printf '\nthe compose drill passed\n'
