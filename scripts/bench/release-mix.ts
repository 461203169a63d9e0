/**
 * The releases of one synthetic cluster: four infrastructure releases (one each, because their
 * cluster-scoped names are fixed: StorageClass, IngressClass, APIService), then applications
 * cycling over the other shipped blueprints with varied images, replicas, namespaces and ports.
 * Every value here is valid for the blueprint's values.schema.json, and every Secret the
 * releases reference is listed as provided, so the render lints clean: the bench times the
 * ordinary path of a healthy repo, not the error path.
 */

export type KubeVersion = "1.18" | "1.30";

export interface ReleaseSpec {
  name: string;
  blueprint: string;
  namespace: string;
  /** Inline values, or undefined when they live in values/<name>.yaml. */
  values?: Record<string, unknown>;
  valuesFile?: string;
}

export interface ClusterMix {
  releases: ReleaseSpec[];
  /** values/<file> -> content, for releases with a values file. */
  valuesFiles: Map<string, Record<string, unknown>>;
  secrets: string[];
  namespaces: string[];
}

const APP_BLUEPRINTS = ["web-app", "stateful-app", "web-app", "mysql", "mysql-replicated", "elasticsearch", "web-app", "service-discovery-rbac"] as const;
const TEAMS = 4;

export function clusterMix(cluster: number, releaseCount: number, kube: KubeVersion): ClusterMix {
  const mix: ClusterMix = { releases: [], valuesFiles: new Map(), secrets: [], namespaces: ["kube-system"] };
  const storageNamespace = kube === "1.18" ? "kube-system" : "ceph-csi-rbd";
  if (kube === "1.18") mix.secrets.push("kube-system/ceph-admin-secret", "kube-system/ceph-rbd-secret");
  else {
    mix.secrets.push("ceph-csi-rbd/csi-rbd-secret");
    mix.namespaces.push("ceph-csi-rbd");
  }
  const infra: ReleaseSpec[] = [
    {
      name: "ceph-rbd-storage", blueprint: "ceph-rbd-storage", namespace: storageNamespace, valuesFile: "values/ceph-rbd-storage.yaml",
    },
    {
      name: "ingress-nginx", blueprint: "ingress-nginx", namespace: "ingress-nginx",
      values: { replicas: 1 + (cluster % 3), ingressClass: { name: "nginx", default: true }, service: { httpNodePort: 30080, httpsNodePort: 30443 }, config: { "proxy-body-size": `${10 + (cluster % 40)}m` } },
    },
    { name: "metrics-server", blueprint: "metrics-server", namespace: "kube-system", values: { replicas: 1 + (cluster % 2), kubeletInsecureTLS: kube === "1.18" } },
    { name: "dashboard-viewer", blueprint: "dashboard-access", namespace: "kube-system", values: { clusterAdmin: false } },
  ];
  mix.valuesFiles.set("values/ceph-rbd-storage.yaml", kube === "1.18"
    ? { mode: "auto", storageClassName: "ceph-rbd", monitors: `172.16.${cluster % 250}.208:6789`, pool: `pool_${cluster}`, provisioner: { userSecretNamespace: "kube-system" } }
    : { mode: "auto", storageClassName: "ceph-rbd", isDefaultClass: true, pool: `pool_${cluster}`, csi: { clusterID: `ceph-${cluster}`, secretName: "csi-rbd-secret" } });
  mix.releases.push(...infra.slice(0, Math.min(infra.length, releaseCount)));
  for (let app = 0; mix.releases.length < releaseCount; app++) {
    const blueprint = APP_BLUEPRINTS[app % APP_BLUEPRINTS.length];
    mix.releases.push(appRelease(mix, cluster, app, blueprint));
  }
  return mix;
}

function appRelease(mix: ClusterMix, cluster: number, app: number, blueprint: string): ReleaseSpec {
  const namespace = `team-${app % TEAMS}`;
  const name = `${blueprint.replace(/-app$|-rbac$/, "")}-${app}`;
  const tag = `1.${cluster % 20}.${app}`;
  const storage = { size: `${1 + (app % 8)}Gi`, storageClassName: "ceph-rbd" };
  switch (blueprint) {
    case "web-app": {
      // Values files, so the re-render measurement has one to change. The app % 8 tests vary
      // which of the three web-apps per cycle get a NodePort, an Ingress and a ConfigMap.
      const file = `values/${name}.yaml`;
      const nodePort = app % 8 !== 6 ? { type: "NodePort", port: 80, nodePort: 30100 + app } : { type: "ClusterIP", port: 80 };
      mix.valuesFiles.set(file, {
        image: `registry.example.com/team-${app % TEAMS}/app-${app}:${tag}`,
        replicas: 1 + (app % 4),
        port: 8080 + (app % 3),
        env: { APP_NAME: name, CLUSTER_INDEX: String(cluster) },
        service: nodePort,
        ...(app % 8 !== 2 ? { ingress: { host: `${name}.c${cluster}.example.com`, path: "/", proxyBodySize: "10m" } } : {}),
        ...(app % 8 !== 0 || app % 16 === 0 ? { configData: { LOG_LEVEL: "info", FEATURE: `f${app}` } } : {}),
      });
      return { name, blueprint, namespace, valuesFile: file };
    }
    case "stateful-app":
      return { name, blueprint, namespace, values: { image: `redis:7.2.${app % 6}`, replicas: 1 + (app % 3), port: 6379, mountPath: "/data", fsGroup: 999, storage } };
    case "mysql":
      mix.secrets.push(`${namespace}/${name}-root`);
      return { name, blueprint, namespace, values: { passwordSecret: { name: `${name}-root`, key: "password" }, database: `db_${app}`, storage } };
    case "mysql-replicated":
      mix.secrets.push(`${namespace}/${name}-root`);
      return { name, blueprint, namespace, values: { replicas: 2 + (app % 2), rootPasswordSecret: { name: `${name}-root` }, storage } };
    case "elasticsearch":
      return { name, blueprint, namespace, values: { replicas: 3, minimumMasterNodes: 2, clusterName: `es-${cluster}-${app}`, storage } };
    default:
      return { name, blueprint, namespace, values: { configMaps: app % 2 === 0 } };
  }
}
