@echo off
rem Deploy the FMS lake (realtime-collector, batch-merger CronJobs, optional backfill) to Kubernetes.
rem Windows twin of deploy.sh: same commands, options and environment variables. deploy.bat --help
setlocal EnableExtensions EnableDelayedExpansion
cd /d "%~dp0"

set "SERVICES=realtime-collector batch-merger backfill-loader"
if not defined KUBECTL set "KUBECTL=kubectl"
if not defined DOCKER set "DOCKER=docker"
if not defined IMAGE_TAG set "IMAGE_TAG=latest"
if not defined ROLLOUT_TIMEOUT set "ROLLOUT_TIMEOUT=300s"
set "ACTION=deploy"
set "DRY_RUN=0"
set "BACKFILL=0"
set "BUILD=1"
set "ASK="
set "LOCAL_ARGS="

:parse
if "%~1"=="" goto parsed
if /i "%~1"=="deploy"       ( set "ACTION=deploy"   & shift & goto parse )
if /i "%~1"=="undeploy"     ( set "ACTION=undeploy" & shift & goto parse )
if /i "%~1"=="status"       ( set "ACTION=status"   & shift & goto parse )
if /i "%~1"=="local"        ( set "ACTION=local"    & shift & goto local_args )
if /i "%~1"=="--dry-run"    ( set "DRY_RUN=1"       & shift & goto parse )
if /i "%~1"=="--backfill"   ( set "BACKFILL=1"      & shift & goto parse )
if /i "%~1"=="--skip-build" ( set "BUILD=0"         & shift & goto parse )
if /i "%~1"=="-h"     goto usage
if /i "%~1"=="--help" goto usage
if /i "%~1"=="-n"          goto opt_namespace
if /i "%~1"=="--namespace" goto opt_namespace
if /i "%~1"=="--tag" (
  if "%~2"=="" call :die "--tag needs a tag" & exit /b 1
  set "IMAGE_TAG=%~2"
  shift & shift & goto parse
)
call :die "unknown argument '%~1' (see deploy.bat --help)"
exit /b 1

:local_args
rem After "local", everything but --dry-run and --skip-build goes to the local stack.
if "%~1"=="" goto parsed
if /i "%~1"=="--dry-run"    ( set "DRY_RUN=1" & shift & goto local_args )
if /i "%~1"=="--skip-build" ( set "BUILD=0"   & shift & goto local_args )
set "LOCAL_ARGS=!LOCAL_ARGS! %1"
shift
goto local_args

:opt_namespace
if "%~2"=="" call :die "%~1 needs a namespace" & exit /b 1
set "NAMESPACE=%~2"
shift & shift & goto parse

:parsed
set "NS="
if defined NAMESPACE set "NS=--namespace %NAMESPACE%"
set "PREFIX="
if defined REGISTRY (
  set "PREFIX=%REGISTRY%"
  if "!PREFIX:~-1!"=="/" set "PREFIX=!PREFIX:~0,-1!"
  set "PREFIX=!PREFIX!/"
)
set "OVERRIDE=0"
if defined REGISTRY set "OVERRIDE=1"
if /i not "%IMAGE_TAG%"=="latest" set "OVERRIDE=1"
if "%DRY_RUN%"=="1" echo Dry run: printing the commands, running none of them.

if /i "%ACTION%"=="local" goto local_run
call :check_prerequisites || exit /b 1
if /i "%ACTION%"=="undeploy" goto undeploy
if /i "%ACTION%"=="status" ( call :print_status & exit /b !errorlevel! )

rem ---------------------------------------------------------------------------------------------------
rem deploy
call :build_images || exit /b 1
call :ensure_secret || exit /b 1
call :apply_manifests || exit /b 1
if "%BACKFILL%"=="1" ( call :start_backfill || exit /b 1 )
call :wait_for_rollout || exit /b 1
call :print_status || exit /b 1
call :print_next_steps
exit /b 0

:undeploy
echo.
echo ==^> Removing the FMS lake from the cluster (the bucket and its data are not touched)
call :run %KUBECTL% %NS% delete -f k8s/ --ignore-not-found || exit /b 1
call :run %KUBECTL% %NS% delete secret fms-secrets --ignore-not-found || exit /b 1
echo An optional Secret fms-kafka-secrets, if you created one, is left in place.
exit /b 0

:local_run
rem The local run: the local-stack module's jar starts an embedded Kafka and S3 store and runs the services' own
rem jars as child processes (see README, "Set up"). Same steps as deploy.sh local.
if not defined JAVA set "JAVA=java"
if not defined MVN set "MVN=mvn"
call :need_tool "%JAVA%" "Install a JDK 17 or newer (https://adoptium.net), or set JAVA." || exit /b 1
if "%BUILD%"=="1" (
  call :need_tool "%MVN%" "Install Maven 3.8+ (https://maven.apache.org), or pass --skip-build to use jars built before." || exit /b 1
  call :step "Building the service jars and the local stack (tests skipped; mvn -B verify runs them)"
  echo + %MVN% -B -q -DskipTests -pl local-stack -am package
  rem "call": mvn is mvn.cmd, a batch file that would not return otherwise
  if "%DRY_RUN%"=="0" ( call %MVN% -B -q -DskipTests -pl local-stack -am package || exit /b 1 )
)
if "%DRY_RUN%"=="0" if not exist local-stack\target\local-stack.jar (
  call :die "local-stack\target\local-stack.jar is missing: run deploy.bat local without --skip-build once"
  exit /b 1
)
call :step "Starting the local stack (Ctrl-C stops everything)"
call :run "%JAVA%" -jar local-stack\target\local-stack.jar%LOCAL_ARGS%
exit /b %errorlevel%

rem ---------------------------------------------------------------------------------------------------
:usage
echo Usage: deploy.bat [command] [options]
echo.
echo Commands:
echo   deploy      (default) build the three images (push them when REGISTRY is set), create or update the
echo               Secret fms-secrets, apply the ConfigMap, ServiceAccounts, NetworkPolicies, the collector's
echo               Deployment and Service and the merger's CronJobs, wait for the rollout, print the status
echo   undeploy    kubectl delete -f k8s/ and the Secret fms-secrets (the bucket's data stays untouched)
echo   status      print what is deployed
echo   local       the whole system on this machine, without Kubernetes or Docker: builds the jars with Maven,
echo               starts an embedded Kafka and S3 store (data in local-data/), loads 9 days of sample FMS data,
echo               runs the three services; Ctrl-C stops it, the next run continues. Options after 'local'
echo               (other than --dry-run and --skip-build) go to the local stack: deploy.bat local --help
echo.
echo Options:
echo   --dry-run           print every command instead of running it
echo   --backfill          also (re)start the one-shot backfill Job (k8s/backfill-loader-job.yaml)
echo   --skip-build        use images that were built before (no docker needed)
echo   -n, --namespace NS  target namespace (default: the current context's)
echo   --tag TAG           image tag (default: %%IMAGE_TAG%% or latest)
echo   -h, --help          this text
echo.
echo Environment:
echo   REGISTRY            push images to this registry (e.g. registry.example.com/fms) and deploy them from it
echo   IMAGE_TAG           image tag (default latest; use a unique tag with a registry)
echo   MINIO_ACCESS_KEY, MINIO_SECRET_KEY
echo                       MinIO credentials for the Secret fms-secrets; when unset, an existing Secret is
echo                       kept, else deploy.bat asks for them
echo   NAMESPACE           same as --namespace
echo   ROLLOUT_TIMEOUT     how long to wait for the collector's rollout (default 300s)
echo   KUBECTL, DOCKER     the kubectl and docker commands to use (default kubectl, docker)
echo   MVN, JAVA           the Maven and java commands of 'local' (default mvn, java)
exit /b 0

rem ---------------------------------------------------------------------------------------------------
rem helpers

:die
echo deploy.bat: error: %~1 1>&2
exit /b 1

:step
echo.
echo ==^> %~1
exit /b 0

rem Prints a command prefixed with "+ ", then runs it unless --dry-run.
:run
echo + %*
if "%DRY_RUN%"=="1" exit /b 0
%*
exit /b %errorlevel%

:need_tool
if exist "%~1" exit /b 0
where "%~1" >nul 2>&1 && exit /b 0
if "%DRY_RUN%"=="1" (
  echo deploy.bat: warning: '%~1' not found on PATH; continuing because of --dry-run 1>&2
  exit /b 0
)
call :die "'%~1' not found on PATH. %~2"
exit /b 1

:check_prerequisites
call :step "Checking prerequisites"
for %%f in (k8s\configmap.yaml k8s\realtime-collector-deployment.yaml k8s\batch-merger-cronjobs.yaml k8s\backfill-loader-job.yaml) do (
  if not exist "%%f" ( call :die "%%f is missing: run deploy.bat from a complete checkout" & exit /b 1 )
)
call :need_tool "%KUBECTL%" "Install kubectl (https://kubernetes.io/docs/tasks/tools/) and point it at your cluster." || exit /b 1
set "NEED_DOCKER=0"
if /i "%ACTION%"=="deploy" if "%BUILD%"=="1" set "NEED_DOCKER=1"
if "%NEED_DOCKER%"=="1" (
  call :need_tool "%DOCKER%" "Install Docker Desktop (https://docs.docker.com/get-docker/), or pass --skip-build to deploy images built before." || exit /b 1
)
if "%DRY_RUN%"=="1" (
  echo ^(dry run: docker and the cluster are not contacted^)
  exit /b 0
)
if "%NEED_DOCKER%"=="1" (
  %DOCKER% info >nul 2>&1
  if errorlevel 1 ( call :die "cannot reach the Docker daemon ('%DOCKER% info' failed). Is Docker Desktop running?" & exit /b 1 )
)
set "CONTEXT="
for /f "delims=" %%c in ('%KUBECTL% %NS% config current-context 2^>nul') do set "CONTEXT=%%c"
if not defined CONTEXT ( call :die "kubectl has no current context. Configure access to your cluster (kubectl config use-context ...)." & exit /b 1 )
%KUBECTL% %NS% cluster-info --request-timeout=15s >nul 2>&1
if errorlevel 1 ( call :die "cannot reach the Kubernetes cluster of context '!CONTEXT!' ('kubectl cluster-info' failed). Check the cluster is up, your VPN, and 'kubectl config current-context'." & exit /b 1 )
if defined NAMESPACE (
  %KUBECTL% get namespace %NAMESPACE% >nul 2>&1
  if errorlevel 1 ( call :die "namespace '%NAMESPACE%' does not exist. Create it first: kubectl create namespace %NAMESPACE%" & exit /b 1 )
)
echo kubectl context: !CONTEXT! %NS%
exit /b 0

:build_images
if "%BUILD%"=="0" ( call :step "Skipping the image build (--skip-build)" & exit /b 0 )
call :step "Building images"
for %%s in (%SERVICES%) do (
  call :run %DOCKER% build -f %%s/Dockerfile -t %PREFIX%%%s:%IMAGE_TAG% . || exit /b 1
)
if defined REGISTRY (
  for %%s in (%SERVICES%) do (
    call :run %DOCKER% push %PREFIX%%%s:%IMAGE_TAG% || exit /b 1
  )
)
exit /b 0

:ensure_secret
call :step "Secret fms-secrets (MinIO credentials)"
if defined MINIO_ACCESS_KEY if defined MINIO_SECRET_KEY goto apply_secret
if defined MINIO_ACCESS_KEY ( call :die "set both MINIO_ACCESS_KEY and MINIO_SECRET_KEY, or neither" & exit /b 1 )
if defined MINIO_SECRET_KEY ( call :die "set both MINIO_ACCESS_KEY and MINIO_SECRET_KEY, or neither" & exit /b 1 )
if "%DRY_RUN%"=="1" (
  echo ^(MINIO_ACCESS_KEY/MINIO_SECRET_KEY unset: an existing Secret fms-secrets is kept, else they are asked for^)
  goto apply_secret
)
%KUBECTL% %NS% get secret fms-secrets >nul 2>&1
if not errorlevel 1 (
  echo Keeping the existing Secret fms-secrets ^(set MINIO_ACCESS_KEY and MINIO_SECRET_KEY to replace it^).
  exit /b 0
)
rem Neither set: the PowerShell step below asks for both (the secret one hidden).
set "ASK=1"

:apply_secret
echo + %KUBECTL% %NS% create secret generic fms-secrets --from-file=MINIO_ACCESS_KEY=^<tmp^>/access --from-file=MINIO_SECRET_KEY=^<tmp^>/secret --dry-run=client -o yaml ^| %KUBECTL% %NS% apply -f -
if "%DRY_RUN%"=="1" exit /b 0
rem The values go through files in a temporary folder, never through the command line. PowerShell writes them
rem byte-exact from the environment (or from its own prompt), so no cmd quoting or "!" expansion alters them.
set "SECRET_DIR=%TEMP%\fms-secrets-%RANDOM%%RANDOM%"
mkdir "%SECRET_DIR%" || exit /b 1
powershell -NoProfile -Command "$a = $env:MINIO_ACCESS_KEY; $s = $env:MINIO_SECRET_KEY; if ($env:ASK) { $a = Read-Host 'MinIO access key'; $p = Read-Host 'MinIO secret key' -AsSecureString; $s = [Runtime.InteropServices.Marshal]::PtrToStringAuto([Runtime.InteropServices.Marshal]::SecureStringToBSTR($p)) }; if (-not $a -or -not $s) { exit 3 }; [IO.File]::WriteAllText((Join-Path $env:SECRET_DIR 'access'), $a); [IO.File]::WriteAllText((Join-Path $env:SECRET_DIR 'secret'), $s)"
if errorlevel 1 ( rmdir /s /q "%SECRET_DIR%" & call :die "both MinIO keys are needed (could not write the key files)" & exit /b 1 )
%KUBECTL% %NS% create secret generic fms-secrets "--from-file=MINIO_ACCESS_KEY=%SECRET_DIR%\access" "--from-file=MINIO_SECRET_KEY=%SECRET_DIR%\secret" --dry-run=client -o yaml | %KUBECTL% %NS% apply -f -
set "RC=%errorlevel%"
rmdir /s /q "%SECRET_DIR%"
exit /b %RC%

rem Applies one manifest (%1); with a service name (%2), sets its image first when REGISTRY or IMAGE_TAG ask.
:apply_manifest
if "%~2"=="" goto apply_plain
if "%OVERRIDE%"=="0" goto apply_plain
echo + %KUBECTL% set image --local -f %~1 "*=%PREFIX%%~2:%IMAGE_TAG%" -o yaml ^| %KUBECTL% %NS% apply -f -
if "%DRY_RUN%"=="1" exit /b 0
%KUBECTL% set image --local -f %~1 "*=%PREFIX%%~2:%IMAGE_TAG%" -o yaml | %KUBECTL% %NS% apply -f -
exit /b %errorlevel%
:apply_plain
call :run %KUBECTL% %NS% apply -f %~1
exit /b %errorlevel%

:apply_manifests
call :step "Applying the manifests"
set "EXISTED=0"
if "%DRY_RUN%"=="0" (
  for /f "delims=" %%d in ('%KUBECTL% %NS% get deployment realtime-collector --ignore-not-found -o name 2^>nul') do set "EXISTED=1"
)
call :apply_manifest k8s/configmap.yaml || exit /b 1
call :apply_manifest k8s/serviceaccounts.yaml || exit /b 1
call :apply_manifest k8s/network-policies.yaml || exit /b 1
call :apply_manifest k8s/realtime-collector-service.yaml || exit /b 1
call :apply_manifest k8s/realtime-collector-deployment.yaml realtime-collector || exit /b 1
call :apply_manifest k8s/batch-merger-cronjobs.yaml batch-merger || exit /b 1
rem Same tag, new image: the Deployment's spec did not change, so restart it to pick the image up.
if "%BUILD%"=="1" if "%OVERRIDE%"=="0" (
  if "%DRY_RUN%"=="1" (
    echo ^(only when the Deployment existed before, to pick up the rebuilt :latest image:^)
    call :run %KUBECTL% %NS% rollout restart deployment/realtime-collector
  ) else if "!EXISTED!"=="1" (
    call :run %KUBECTL% %NS% rollout restart deployment/realtime-collector || exit /b 1
  )
)
exit /b 0

:start_backfill
call :step "Starting the backfill Job (it is idempotent: a rerun changes nothing that is already loaded)"
call :run %KUBECTL% %NS% delete job backfill-loader --ignore-not-found || exit /b 1
call :apply_manifest k8s/backfill-loader-job.yaml backfill-loader
exit /b %errorlevel%

:wait_for_rollout
call :step "Waiting for the collector (timeout %ROLLOUT_TIMEOUT%)"
call :run %KUBECTL% %NS% rollout status deployment/realtime-collector "--timeout=%ROLLOUT_TIMEOUT%"
if not errorlevel 1 exit /b 0
echo The collector did not become ready. Look at: 1>&2
echo   kubectl get pods -l app=realtime-collector 1>&2
echo   kubectl describe pods -l app=realtime-collector 1>&2
echo   kubectl logs deployment/realtime-collector 1>&2
echo Usual causes: KAFKA_BROKERS or MINIO_ENDPOINT in k8s\configmap.yaml, wrong MinIO keys in fms-secrets, an image the cluster cannot pull. 1>&2
exit /b 1

:print_status
call :step "Status"
call :run %KUBECTL% %NS% get "deployment,pods,service" -l "app=realtime-collector" || exit /b 1
call :run %KUBECTL% %NS% get cronjobs -l "app=batch-merger" || exit /b 1
set "SHOW_JOBS=%BACKFILL%"
if /i "%ACTION%"=="status" set "SHOW_JOBS=1"
if "%SHOW_JOBS%"=="1" ( call :run %KUBECTL% %NS% get jobs -l "app=backfill-loader" || exit /b 1 )
exit /b 0

:print_next_steps
echo.
echo Next:
echo   kubectl %NS% logs -f deployment/realtime-collector          ^(the collector: one line per written minute^)
echo   kubectl %NS% get cronjobs                                   ^(merges: hour at :01, day at 00:05, week Monday 00:10^)
echo   kubectl %NS% create job --from=cronjob/batch-merger-hour manual-merge-hour   ^(run a merge now^)
echo   kubectl %NS% port-forward svc/realtime-collector 8080       ^(then http://localhost:8080/metrics^)
if "%BACKFILL%"=="1" (
  echo   kubectl %NS% logs -f job/backfill-loader                    ^(backfill progress^)
) else (
  echo   deploy.bat --skip-build --backfill                          ^(load the topic's history, optional^)
)
echo   deploy.bat undeploy                                         ^(remove everything; the data stays in the bucket^)
exit /b 0
