#!/usr/bin/env bash
# Inzage behind nginx terminating TLS, as deploy/nginx/inzage.conf sets it up (only the certificate,
# ports and paths differ): a self-signed certificate for 127.0.0.1, nginx on 127.0.0.1:3443, Inzage on
# 127.0.0.1:3400. Checks that cookies are Secure, HSTS is sent, Location and url use the public https
# address, and the example systemd unit passes systemd-analyze. Needs the dev build and nginx.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$PWD/target/proxy
rm -rf "$work"; mkdir -p "$work"
fail() { echo "proxy-test: $*" >&2; exit 1; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null

# The example's server block, with this test's certificate, ports and host; nginx around it.
sed -e "s#/etc/ssl/inzage/#$work/#" -e "s#listen 443 #listen 127.0.0.1:3443 #" -e "s#listen 80;#listen 127.0.0.1:3480;#" \
    -e "s#127.0.0.1:3000#127.0.0.1:3400#" -e "s#server_name inzage.gemeente.nl#server_name 127.0.0.1#" \
    deploy/nginx/inzage.conf > "$work/inzage.conf"
grep -q "127.0.0.1:3400" "$work/inzage.conf" || fail "the example no longer proxies to port 3000"
cat > "$work/nginx.conf" <<NGINX
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp;
  include $work/inzage.conf;
}
NGINX
mkdir -p "$work/tmp"

export INZAGE_DATABASE_URL="sqlite://$work/inzage.db" INZAGE_KEY_DIR="$work/keys" \
       LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3400 \
       INZAGE_PUBLIC_URL=https://127.0.0.1:3443 INZAGE_TRUSTED_PROXIES=127.0.0.1 INZAGE_DEMO=0 INZAGE_LOG=warn
token=$(target/debug/inzage client add --name proxy-test --organisation 00000001821002193000 \
  --scopes "create:normal read:normal" | tail -n 1)
target/debug/inzage serve > "$work/inzage.log" 2>&1 &
inzage=$!
nginx -c "$work/nginx.conf" -p "$work" > "$work/nginx.out" 2>&1 &
nginx=$!
trap 'kill $inzage $nginx 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -skf https://127.0.0.1:3443/readyz >/dev/null && break; sleep 0.2; done
curl -skf https://127.0.0.1:3443/readyz >/dev/null || fail "no answer through nginx (see $work/)"

headers=$(curl -sk -D - -o /dev/null https://127.0.0.1:3443/medewerker/inloggen)
grep -qi '^strict-transport-security: max-age=' <<<"$headers" || fail "no HSTS header"
grep -i '^set-cookie:' <<<"$headers" | grep -q . || fail "no cookie to check"
if grep -i '^set-cookie:' <<<"$headers" | grep -viq 'secure'; then fail "a cookie without Secure: $headers"; fi
grep -qi '^set-cookie: __Host-' <<<"$headers" || fail "the cookie has no __Host- prefix"

answer=$(curl -sk -D "$work/post-headers" -X POST https://127.0.0.1:3443/api/v1/verwerkingsacties \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data @tests/fixtures/vng-verwerkingsactie-post-volledig.json)
grep -qi '^location: https://127.0.0.1:3443/api/v1/verwerkingsacties/' "$work/post-headers" \
  || fail "Location is not the public address: $(cat "$work/post-headers")"
grep -q '"url":"https://127.0.0.1:3443/api/v1/verwerkingsacties/' <<<"$answer" || fail "url is not the public address: $answer"

plain=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://127.0.0.1:3480/mijn)
[[ $plain == "301 https://127.0.0.1/mijn" ]] || fail "plain http is not sent to https: $plain"

# The systemd unit, pointed at this build.
sed "s#/usr/local/bin/inzage#$PWD/target/debug/inzage#" deploy/inzage.service > "$work/inzage.service"
systemd-analyze verify "$work/inzage.service" 2>&1 | tee "$work/systemd-analyze.log"
if grep -v "^$" "$work/systemd-analyze.log" | grep -q .; then fail "systemd-analyze verify found problems"; fi
echo "proxy-test: cookies Secure, HSTS, https Location and url behind nginx; systemd unit verified"
