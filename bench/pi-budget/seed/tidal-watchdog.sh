#!/bin/bash
# The TIDAL Connect project's tidal-watchdog.sh, re-typed from its description (behaviour as
# documented: 30 s loop, `docker ps -a | grep`, `docker logs --since 30s`, `docker inspect`,
# 60 s cooldown, log through tee). Kept only as the baseline of bench/pi-budget; two changes:
# the container name and the log file are parameters, so the benchmark never touches a real
# speaker's container or /var/log.
#   seed/tidal-watchdog.sh [CONTAINER] [LOG_FILE]
CONTAINER="${1:-tidal_connect}"
LOG_FILE="${2:-/var/log/tidal-watchdog.log}"
CHECK_INTERVAL=30
RESTART_COOLDOWN=60
LAST_RESTART=0

log() {
    echo "[$(date '+%Y-%m-%d %H:%M:%S')] $1" | tee -a "$LOG_FILE"
}

check_for_errors() {
    RECENT_LOGS=$(docker logs --since 30s "$CONTAINER" 2>&1)
    if echo "$RECENT_LOGS" | grep -qiE "(invalid_grant|token has expired|authentication.*failed)"; then
        echo "token_expired"
        return
    fi
    if echo "$RECENT_LOGS" | grep -qiE "handle_read_frame error|connection.*refused|connection.*reset|socket.*disconnected"; then
        if ! echo "$RECENT_LOGS" | grep -qiE "asio\.misc:2.*End of file|normal.*shutdown"; then
            echo "connection_lost"
            return
        fi
    fi
    if [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" != "true" ]; then
        echo "container_down"
        return
    fi
    echo "ok"
}

restart_service() {
    local now
    now=$(date +%s)
    if [ $((now - LAST_RESTART)) -lt $RESTART_COOLDOWN ]; then
        log "⏳ Restart requested but cooldown active (${RESTART_COOLDOWN}s)"
        return 1
    fi
    log "🔄 Restarting Tidal Connect service (Reason: $1)"
    # The benchmark keeps the container healthy, so the systemctl path is never reached; it is
    # not re-typed here.
    LAST_RESTART=$now
}

log "=========================================="
log "Tidal Connect Watchdog started"
log "Check interval: ${CHECK_INTERVAL}s"
log "Restart cooldown: ${RESTART_COOLDOWN}s"
log "=========================================="

while true; do
    if ! docker ps -a | grep -q "$CONTAINER"; then
        log "⚠ Tidal Connect container not found, waiting..."
        sleep $CHECK_INTERVAL
        continue
    fi
    STATUS=$(check_for_errors)
    case "$STATUS" in
    token_expired) log "⚠ Detected: Token expired"; restart_service token_expired ;;
    connection_lost) log "⚠ Detected: Connection lost"; restart_service connection_lost ;;
    container_down) log "⚠ Detected: Container down"; restart_service container_down ;;
    esac
    sleep $CHECK_INTERVAL
done
