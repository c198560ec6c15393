#!/bin/sh
# The secrets docker-compose.yml reads, made once in deploy/secrets/ (the directory 0700; the files 0444 so
# the containers' users can read their bind-mounted copies). Never overwrites one that exists.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
chmod 0700 secrets
new() { [ -e "secrets/$1" ] && echo "secrets/$1 exists, kept" || { cat >"secrets/$1"; chmod 0444 "secrets/$1"; echo "secrets/$1 made"; }; }
openssl rand -base64 64 | tr -d '\n/+=' | new secret_key
printf 'k1 %s\n' "$(openssl rand -hex 32)" | new keyring
[ -e secrets/db_password ] || openssl rand -hex 24 | new db_password
printf 'postgres://taizhang:%s@db:5432/taizhang' "$(cat secrets/db_password)" | new database_url
