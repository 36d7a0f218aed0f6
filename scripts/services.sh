#!/usr/bin/env bash
# Make sure the local services named on the command line are up (postgres, redis, rabbitmq); start what is down.
set -uo pipefail
for svc in "$@"; do
  case "$svc" in
    postgres)
      if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        echo "services: starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
        for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
      fi ;;
    redis)
      if ! command -v redis-server >/dev/null; then
        echo "services: installing Redis"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
      fi
      if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
        echo "services: starting Redis"
        redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
          --dir /var/lib/redis --logfile /var/log/redis/ci.log
      fi ;;
    rabbitmq)
      if ! rabbitmqctl -q status >/dev/null 2>&1; then
        echo "services: starting RabbitMQ"; rabbitmq-server -detached; sleep 5
      fi ;;
  esac
done
