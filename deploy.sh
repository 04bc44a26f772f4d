#!/usr/bin/env bash
# Deploy the FMS lake (realtime-collector, batch-merger CronJobs, optional backfill) to Kubernetes.
# Linux/Mac; deploy.bat is the Windows twin. Run ./deploy.sh --help for the options.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./deploy.sh [command] [options]

Commands:
  deploy      (default) build the three images (push them when REGISTRY is set), create or update the
              Secret fms-secrets, apply the ConfigMap, ServiceAccounts, NetworkPolicies, the collector's
              Deployment and Service and the merger's CronJobs, wait for the rollout, print the status
  undeploy    kubectl delete -f k8s/ and the Secret fms-secrets (the bucket's data stays untouched)
  status      print what is deployed
  local       the whole system on this machine, without Kubernetes or Docker: builds the jars with Maven,
              starts an embedded Kafka and S3 store (data in local-data/), loads 9 days of sample FMS data,
              runs the three services; Ctrl-C stops it, the next run continues. Options after 'local'
              (other than --dry-run and --skip-build) go to the local stack: ./deploy.sh local --help

Options:
  --dry-run           print every command instead of running it
  --backfill          also (re)start the one-shot backfill Job (k8s/backfill-loader-job.yaml)
  --skip-build        use images that were built before (no docker needed)
  -n, --namespace NS  target namespace (default: the current context's)
  --tag TAG           image tag (default: $IMAGE_TAG or latest)
  -h, --help          this text

Environment:
  REGISTRY            push images to this registry (e.g. registry.example.com/fms) and deploy them from it
  IMAGE_TAG           image tag (default latest; use a unique tag with a registry)
  MINIO_ACCESS_KEY, MINIO_SECRET_KEY
                      MinIO credentials for the Secret fms-secrets; when unset, an existing Secret is
                      kept, else deploy.sh asks for them
  NAMESPACE           same as --namespace
  ROLLOUT_TIMEOUT     how long to wait for the collector's rollout (default 300s)
  KUBECTL, DOCKER     the kubectl and docker commands to use (default kubectl, docker)
  MVN, JAVA           the Maven and java commands of 'local' (default mvn, java)
EOF
}

cd "$(dirname "${BASH_SOURCE[0]}")"

SERVICES=(realtime-collector batch-merger backfill-loader)
KUBECTL_CMD=${KUBECTL:-kubectl}
DOCKER_CMD=${DOCKER:-docker}
REGISTRY=${REGISTRY:-}
IMAGE_TAG=${IMAGE_TAG:-latest}
NAMESPACE=${NAMESPACE:-}
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-300s}
ACTION=deploy
DRY_RUN=0
BACKFILL=0
BUILD=1
SECRET_DIR=
# A failure half-way must not leave the MinIO keys behind in a temporary folder.
trap '[[ -z $SECRET_DIR ]] || rm -rf "$SECRET_DIR"' EXIT

die() {
  echo "deploy.sh: error: $*" >&2
  exit 1
}

step() {
  echo
  echo "==> $*"
}

# Prints a command, prefixed with "+ ", words quoted only where a shell needs it; a lone "|" stands for a
# pipe. The fake kubectl/docker of the tests log their arguments the same way.
show() {
  local word safe='^[A-Za-z0-9_./:=,@%+-]+$' line='+'
  for word in "$@"; do
    if [[ $word == "|" || $word =~ $safe ]]; then
      line+=" $word"
    else
      line+=" '${word//\'/\'\\\'\'}'"
    fi
  done
  printf '%s\n' "$line"
}

# Prints, then runs (unless --dry-run).
run() {
  show "$@"
  if ((DRY_RUN)); then
    return 0
  fi
  "$@"
}

ns_args=()
kube() {
  run "$KUBECTL_CMD" ${ns_args[@]+"${ns_args[@]}"} "$@"
}

# kubectl without printing: read-only queries whose answer steers the script (never run in --dry-run).
kube_query() {
  "$KUBECTL_CMD" ${ns_args[@]+"${ns_args[@]}"} "$@"
}

parse_args() {
  while (($#)); do
    case "$1" in
      deploy | undeploy | status | local) ACTION=$1 ;;
      --dry-run) DRY_RUN=1 ;;
      --backfill) BACKFILL=1 ;;
      --skip-build) BUILD=0 ;;
      -n | --namespace)
        (($# >= 2)) || die "$1 needs a namespace"
        NAMESPACE=$2
        shift
        ;;
      --tag)
        (($# >= 2)) || die "--tag needs a tag"
        IMAGE_TAG=$2
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) die "unknown argument '$1' (see ./deploy.sh --help)" ;;
    esac
    shift
  done
  [[ $IMAGE_TAG =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] ||
    die "image tag '$IMAGE_TAG' is not a valid Docker tag (letters, digits, '_', '.', '-'; at most 128)"
  [[ -z $REGISTRY || $REGISTRY =~ ^[A-Za-z0-9._:/-]+$ ]] ||
    die "REGISTRY '$REGISTRY' is not a registry path such as registry.example.com/fms"
  if [[ -n $NAMESPACE ]]; then
    [[ $NAMESPACE =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || die "'$NAMESPACE' is not a valid namespace name"
    ns_args=(--namespace "$NAMESPACE")
  fi
}

image_of() {
  echo "${REGISTRY:+${REGISTRY%/}/}$1:$IMAGE_TAG"
}

# The manifests name the images <module>:latest; anything else is set while applying.
image_overridden() {
  [[ -n $REGISTRY || $IMAGE_TAG != latest ]]
}

# ---------------------------------------------------------------------------------------------------
# prerequisites

need_tool() {
  local tool=$1 why=$2
  if command -v "$tool" >/dev/null 2>&1; then
    return 0
  fi
  if ((DRY_RUN)); then
    echo "deploy.sh: warning: '$tool' not found on PATH ($why); continuing because of --dry-run" >&2
    return 0
  fi
  die "'$tool' not found on PATH. $why"
}

check_prerequisites() {
  step "Checking prerequisites"
  local f
  for f in k8s/configmap.yaml k8s/realtime-collector-deployment.yaml k8s/batch-merger-cronjobs.yaml \
    k8s/backfill-loader-job.yaml; do
    [[ -f $f ]] || die "$f is missing: run deploy.sh from a complete checkout"
  done
  need_tool "$KUBECTL_CMD" "Install kubectl (https://kubernetes.io/docs/tasks/tools/) and point it at your cluster."
  if [[ $ACTION == deploy ]] && ((BUILD)); then
    need_tool "$DOCKER_CMD" "Install Docker (https://docs.docker.com/get-docker/), or pass --skip-build to deploy images built before."
  fi
  if ((DRY_RUN)); then
    echo "(dry run: docker and the cluster are not contacted)"
    return 0
  fi
  if [[ $ACTION == deploy ]] && ((BUILD)); then
    "$DOCKER_CMD" info >/dev/null 2>&1 ||
      die "cannot reach the Docker daemon ('$DOCKER_CMD info' failed). Is Docker running, and may this user use it?"
  fi
  local context
  context=$(kube_query config current-context 2>/dev/null) ||
    die "kubectl has no current context. Configure access to your cluster (kubectl config use-context ...)."
  kube_query cluster-info --request-timeout=15s >/dev/null 2>&1 ||
    die "cannot reach the Kubernetes cluster of context '$context' ('kubectl cluster-info' failed). Check the cluster is up, your VPN, and 'kubectl config current-context'."
  if [[ -n $NAMESPACE ]]; then
    kube_query get namespace "$NAMESPACE" >/dev/null 2>&1 ||
      die "namespace '$NAMESPACE' does not exist. Create it first: kubectl create namespace $NAMESPACE"
  fi
  echo "kubectl context: $context${NAMESPACE:+, namespace: $NAMESPACE}"
}

# ---------------------------------------------------------------------------------------------------
# deploy

build_images() {
  if ((!BUILD)); then
    step "Skipping the image build (--skip-build)"
    return 0
  fi
  step "Building images${REGISTRY:+ and pushing them to $REGISTRY}"
  local svc
  for svc in "${SERVICES[@]}"; do
    run "$DOCKER_CMD" build -f "$svc/Dockerfile" -t "$(image_of "$svc")" .
  done
  if [[ -n $REGISTRY ]]; then
    for svc in "${SERVICES[@]}"; do
      run "$DOCKER_CMD" push "$(image_of "$svc")"
    done
  fi
}

write_secret_files() {
  local dir=$1 access=$2 secret=$3
  (
    umask 077
    printf '%s' "$access" >"$dir/access"
    printf '%s' "$secret" >"$dir/secret"
  )
}

apply_secret_from() {
  local access=$1 secret=$2
  show "$KUBECTL_CMD" ${ns_args[@]+"${ns_args[@]}"} create secret generic fms-secrets \
    "--from-file=MINIO_ACCESS_KEY=<tmp>/access" "--from-file=MINIO_SECRET_KEY=<tmp>/secret" \
    --dry-run=client -o yaml "|" "$KUBECTL_CMD" ${ns_args[@]+"${ns_args[@]}"} apply -f -
  if ((DRY_RUN)); then
    return 0
  fi
  # The values go through files in a private temporary folder, never through the command line (ps).
  SECRET_DIR=$(mktemp -d)
  write_secret_files "$SECRET_DIR" "$access" "$secret"
  kube_query create secret generic fms-secrets \
    "--from-file=MINIO_ACCESS_KEY=$SECRET_DIR/access" "--from-file=MINIO_SECRET_KEY=$SECRET_DIR/secret" \
    --dry-run=client -o yaml | kube_query apply -f -
  rm -rf "$SECRET_DIR"
  SECRET_DIR=
}

ensure_secret() {
  step "Secret fms-secrets (MinIO credentials)"
  local access=${MINIO_ACCESS_KEY:-} secret=${MINIO_SECRET_KEY:-}
  if [[ -n $access && -n $secret ]]; then
    apply_secret_from "$access" "$secret"
    return 0
  fi
  if [[ -n $access || -n $secret ]]; then
    die "set both MINIO_ACCESS_KEY and MINIO_SECRET_KEY, or neither"
  fi
  if ((DRY_RUN)); then
    echo "(MINIO_ACCESS_KEY/MINIO_SECRET_KEY unset: an existing Secret fms-secrets is kept, else they are asked for)"
    apply_secret_from "<asked>" "<asked>"
    return 0
  fi
  if kube_query get secret fms-secrets >/dev/null 2>&1; then
    echo "Keeping the existing Secret fms-secrets (export MINIO_ACCESS_KEY and MINIO_SECRET_KEY to replace it)."
    return 0
  fi
  [[ -t 0 ]] || die "MINIO_ACCESS_KEY and MINIO_SECRET_KEY are not set, the Secret fms-secrets does not exist, and there is no terminal to ask on. Export both and run again."
  read -r -p "MinIO access key: " access
  read -r -s -p "MinIO secret key: " secret
  echo
  [[ -n $access && -n $secret ]] || die "both MinIO keys are needed"
  apply_secret_from "$access" "$secret"
}

# Applies one manifest; sets the image first when REGISTRY or IMAGE_TAG asks for another one.
apply_manifest() {
  local file=$1 svc=${2:-}
  if [[ -z $svc ]] || ! image_overridden; then
    kube apply -f "$file"
    return 0
  fi
  local image
  image=$(image_of "$svc")
  show "$KUBECTL_CMD" set image --local -f "$file" "*=$image" -o yaml \
    "|" "$KUBECTL_CMD" ${ns_args[@]+"${ns_args[@]}"} apply -f -
  if ((DRY_RUN)); then
    return 0
  fi
  "$KUBECTL_CMD" set image --local -f "$file" "*=$image" -o yaml | kube_query apply -f -
}

apply_manifests() {
  step "Applying the manifests"
  local existed=0
  if ((!DRY_RUN)) && [[ -n $(kube_query get deployment realtime-collector --ignore-not-found -o name 2>/dev/null) ]]; then
    existed=1
  fi
  apply_manifest k8s/configmap.yaml
  apply_manifest k8s/serviceaccounts.yaml
  apply_manifest k8s/network-policies.yaml
  apply_manifest k8s/realtime-collector-service.yaml
  apply_manifest k8s/realtime-collector-deployment.yaml realtime-collector
  apply_manifest k8s/batch-merger-cronjobs.yaml batch-merger
  # Same tag, new image: the Deployment's spec did not change, so restart it to pick the image up.
  # (The CronJobs start fresh pods on every run anyway.)
  if ((BUILD)) && ! image_overridden; then
    if ((DRY_RUN)); then
      echo "(only when the Deployment existed before, to pick up the rebuilt :latest image:)"
      kube rollout restart deployment/realtime-collector
    elif ((existed)); then
      kube rollout restart deployment/realtime-collector
    fi
  fi
}

start_backfill() {
  ((BACKFILL)) || return 0
  step "Starting the backfill Job (it is idempotent: a rerun changes nothing that is already loaded)"
  kube delete job backfill-loader --ignore-not-found
  apply_manifest k8s/backfill-loader-job.yaml backfill-loader
}

wait_for_rollout() {
  step "Waiting for the collector (timeout $ROLLOUT_TIMEOUT)"
  if kube rollout status deployment/realtime-collector "--timeout=$ROLLOUT_TIMEOUT"; then
    return 0
  fi
  echo "The collector did not become ready. Look at:" >&2
  echo "  kubectl get pods -l app=realtime-collector" >&2
  echo "  kubectl describe pods -l app=realtime-collector" >&2
  echo "  kubectl logs deployment/realtime-collector" >&2
  echo "Usual causes: KAFKA_BROKERS or MINIO_ENDPOINT in k8s/configmap.yaml, wrong MinIO keys in fms-secrets, an image the cluster cannot pull." >&2
  exit 1
}

print_status() {
  step "Status"
  kube get deployment,pods,service -l app=realtime-collector
  kube get cronjobs -l app=batch-merger
  if ((BACKFILL)) || [[ $ACTION == status ]]; then
    kube get jobs -l app=backfill-loader
  fi
}

print_next_steps() {
  local n=${NAMESPACE:+ -n $NAMESPACE}
  cat <<EOF

Next:
  kubectl$n logs -f deployment/realtime-collector          # the collector: one line per written minute
  kubectl$n get cronjobs                                   # merges: hour at :01, day at 00:05, week Monday 00:10
  kubectl$n create job --from=cronjob/batch-merger-hour manual-merge-hour   # run a merge now
  kubectl$n port-forward svc/realtime-collector 8080       # then http://localhost:8080/metrics
EOF
  if ((BACKFILL)); then
    echo "  kubectl$n logs -f job/backfill-loader                    # backfill progress"
  else
    echo "  ./deploy.sh --skip-build --backfill                       # load the topic's history (optional)"
  fi
  echo "  ./deploy.sh undeploy                                      # remove everything (the data stays in the bucket)"
}

deploy() {
  check_prerequisites
  build_images
  ensure_secret
  apply_manifests
  start_backfill
  wait_for_rollout
  print_status
  print_next_steps
}

undeploy() {
  check_prerequisites
  step "Removing the FMS lake from the cluster (the bucket and its data are not touched)"
  kube delete -f k8s/ --ignore-not-found
  kube delete secret fms-secrets --ignore-not-found
  echo "An optional Secret fms-kafka-secrets, if you created one, is left in place."
}

status() {
  check_prerequisites
  print_status
}

# The local run: the local-stack module's jar starts an embedded Kafka and S3 store and runs the services' own
# jars as child processes (see README, "Set up"). Arguments other than --dry-run and --skip-build go to it.
LOCAL_JAR=local-stack/target/local-stack.jar
local_run() {
  local mvn_cmd=${MVN:-mvn} java_cmd=${JAVA:-java} args=() help=0
  while (($#)); do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      --skip-build) BUILD=0 ;;
      -h | --help)
        help=1
        args+=("$1")
        ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  ((DRY_RUN)) && echo "Dry run: printing the commands, running none of them."
  need_tool "$java_cmd" "Install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless), or set JAVA."
  if ((!DRY_RUN)); then
    local version
    version=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [[ ${version%%.*} =~ ^[0-9]+$ && ${version%%.*} -ge 17 ]] ||
      die "'$java_cmd' is Java ${version:-of unknown version}; the services need Java 17 or newer"
  fi
  local build=$BUILD
  if ((help)) && [[ -f $LOCAL_JAR ]]; then
    build=0 # the help text needs no fresh build
  fi
  if ((!build && !DRY_RUN)) && [[ ! -f $LOCAL_JAR ]]; then
    die "$LOCAL_JAR is missing: run ./deploy.sh local without --skip-build once"
  fi
  if ((build)); then
    need_tool "$mvn_cmd" "Install Maven 3.8+ (e.g. apt-get install maven), or pass --skip-build to use jars built before."
    step "Building the service jars and the local stack (tests skipped; mvn -B verify runs them)"
    run "$mvn_cmd" -B -q -DskipTests -pl local-stack -am package
  fi
  if ((!help)); then
    step "Starting the local stack (Ctrl-C stops everything)"
  fi
  show "$java_cmd" -jar "$LOCAL_JAR" ${args[@]+"${args[@]}"}
  if ((DRY_RUN)); then
    return 0
  fi
  # exec: the JVM takes this process's place, so Ctrl-C and SIGTERM reach it directly
  exec "$java_cmd" -jar "$LOCAL_JAR" ${args[@]+"${args[@]}"}
}

if [[ ${1:-} == local ]]; then
  shift
  local_run "$@"
  exit 0
fi

parse_args "$@"
((DRY_RUN)) && echo "Dry run: printing the commands, running none of them."
case "$ACTION" in
  deploy) deploy ;;
  undeploy) undeploy ;;
  status) status ;;
  local) local_run ;;
esac
