#!/bin/bash
# The real image's entrypoint.sh, in its shape: the controller in tmux in the background, the
# connect application in the foreground with the settings from the environment (tidal.env).
echo "Starting Speaker Application in Background (TMUX)"
/usr/bin/tmux new-session -d -x 80 -y 24 -s speaker_controller_application \
  /app/ifi-tidal-release/bin/speaker_controller_application
echo "Configuration:"
echo "  FRIENDLY_NAME: ${FRIENDLY_NAME:-HiFiBerry}"
echo "  MODEL_NAME: ${MODEL_NAME:-HiFiBerry}"
echo "  PLAYBACK_DEVICE: ${PLAYBACK_DEVICE:-default}"
echo "  MQA_PASSTHROUGH: ${MQA_PASSTHROUGH:-false}"
echo "  MQA_CODEC: ${MQA_CODEC:-false}"
/app/ifi-tidal-release/bin/tidal_connect_application \
  --tc-certificate-path "/app/ifi-tidal-release/id_certificate/IfiAudio_ZenStream.dat" \
  -f "${FRIENDLY_NAME:-HiFiBerry}" --model-name "${MODEL_NAME:-HiFiBerry}" \
  --playback-device "${PLAYBACK_DEVICE:-default}" --log-level 3 &
app=$!
# As PID 1, bash ignores SIGTERM unless it forwards it.
trap 'kill -TERM "$app" 2>/dev/null' TERM INT
wait "$app"
status=$?
wait "$app" 2>/dev/null
echo "TIDAL Connect Container Stopped.."
exit "$status"
