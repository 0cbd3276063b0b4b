/**
 * webDeploymentAndService is the acceptance scenario: 3 nginx replicas and a Service in
 * front of them. Real kubectl applies it in the kubectl suite; the e2e tests paste it into the editor.
 */
export const webDeploymentAndService = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;
