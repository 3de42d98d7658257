# syntax=docker/dockerfile:1
#
# wardley in a container: a static binary on a distroless base (no shell,
# no package manager), working on the directory mounted at /data:
#
#   docker build --build-arg VERSION=v1.2.0 -t wardley .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/data" wardley render docs/

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The release tag, printed by `wardley version` (empty: "(devel)").
ARG VERSION=
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.buildVersion=${VERSION}" \
      -o /out/wardley ./cmd/wardley

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/wardley /usr/local/bin/wardley
WORKDIR /data
ENTRYPOINT ["wardley"]
CMD ["help"]
