# One image for every GouvGraph process (gateway, incubator subgraph kit): the workspace,
# installed once; each service picks its command. Runs TypeScript through tsx, as in development.
FROM node:20-bookworm-slim

WORKDIR /app
RUN npm install --global pnpm@12.4.2 && npm cache clean --force

# Manifests first, so that a code change does not reinstall dependencies.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.json ./
COPY schema/package.json schema/
COPY data/package.json data/
COPY internal/db/package.json internal/db/
COPY internal/http/package.json internal/http/
COPY internal/telemetry/package.json internal/telemetry/
COPY internal/testing/package.json internal/testing/
COPY subgraphs/incubator/package.json subgraphs/incubator/
COPY subgraphs/catalog/package.json subgraphs/catalog/
COPY subgraphs/impact/package.json subgraphs/impact/
COPY gateway/core/package.json gateway/core/
COPY gateway/registry/package.json gateway/registry/
COPY gateway/open-data/package.json gateway/open-data/
COPY gateway/server/package.json gateway/server/
COPY deploy/stack/package.json deploy/stack/
COPY dashboard/package.json dashboard/
COPY test/package.json test/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile

COPY . .
# The dashboard the gateway serves at /: built once, into dashboard/dist. Who runs the instance
# is written into its legal pages (docs/dashboard.md); left empty, they say it is to be completed.
ARG GOUVGRAPH_PUBLIC_EDITEUR=""
ARG GOUVGRAPH_PUBLIC_HEBERGEUR=""
ARG GOUVGRAPH_PUBLIC_CONTACT=""
RUN pnpm --filter @gouvgraph/dashboard run build
RUN chown -R node:node /app
USER node
ENV NODE_ENV=production HOST=0.0.0.0

# Overridden per service in docker-compose.yml.
CMD ["pnpm", "--filter", "@gouvgraph/gateway", "start"]
