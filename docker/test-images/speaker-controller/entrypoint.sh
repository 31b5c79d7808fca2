#!/bin/bash
# Like the speaker image's entrypoint: the controller in tmux in the background, the connect
# application in the foreground. The controller's initial state comes from the environment
# (TITLE ARTISTS ALBUM STATE VOLUME SHOW_VOLUME ..., see controller.sh). As PID 1, bash would
# ignore SIGTERM, so it forwards it: `docker stop`/`restart` take a moment, not the 10 s grace.
echo "Starting Speaker Application in Background (TMUX)"
/usr/bin/tmux new-session -d -x 80 -y 24 -s speaker_controller_application /app/bin/speaker_controller_application
/app/bin/tidal_connect_application "$@" &
app=$!
trap 'kill -TERM "$app" 2>/dev/null' TERM INT
wait "$app"
wait "$app"
echo "TIDAL Connect Container Stopped.."
