# API image. The embedding model is assembled at build time from Maven Central (needs a JDK and Maven
# in the build stage only); the runtime image carries Node, the app and the model folder.
FROM node:20-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY tools/models ./tools/models
RUN npm ci --no-audit --no-fund && npm run models
COPY . .
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 MODEL_DIR=/app/models DATA_DIR=/data
COPY --from=build /app /app
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
