# syntax=docker/dockerfile:1
# Hagukumi as a container image: the same artefact steps CI and `atk deploy` run (docs/deploy.md).
#   build:    npm ci && npm run build      → dist/app, a folder that runs with `node` alone
#   runtime:  cd dist/app && npm ci --omit=dev
#   start:    node server/src/main.js      (readiness /api/health/ready, liveness /api/health/live)
# Build and push: `az acr build --registry <registry> --image hagukumi:<version> .`, or
# `docker build -t <registry>/hagukumi:<version> . && docker push <registry>/hagukumi:<version>`.

ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Build with the dev tools. `npm ci` also builds the tab (prepare), so the sources come first.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

# 2. Only the runtime dependencies, inside the self-contained artefact.
FROM ${NODE_IMAGE} AS artefact
WORKDIR /app
COPY --from=build /src/dist/app ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The image: the artefact, owned by root and read-only to the unprivileged user that runs it.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    APP_MODE=production \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
COPY --from=artefact /app ./
USER node
EXPOSE 3978
# node is PID 1 on purpose: the service handles SIGTERM itself (it stops taking requests, lets running
# jobs finish within SHUTDOWN_TIMEOUT_MS, then exits) and starts no child processes to reap.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health/live`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/src/main.js"]
