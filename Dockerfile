FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The compiled server (dist/apps, dist/libs, dist/config) and the web console, served by the API under /.
RUN npm run build
RUN mkdir -p /var/lib/sleutel /app/data && chown node:node /var/lib/sleutel /app/data
USER node
EXPOSE 3000
CMD ["npm", "run", "start:api"]
