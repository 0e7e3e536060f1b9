package validate

import (
	"strings"
)

// optimizedAPIs lists, per service, the APIs of AWS's optimized
// integrations ("arn:aws:states:::<service>:<api>"), from the Step Functions
// developer guide. Suffixes (.sync, .sync:2, .waitForTaskToken) are checked
// separately.
var optimizedAPIs = map[string][]string{
	"lambda":           {"invoke"},
	"batch":            {"submitJob"},
	"dynamodb":         {"getItem", "putItem", "updateItem", "deleteItem"},
	"ecs":              {"runTask"},
	"sns":              {"publish"},
	"sqs":              {"sendMessage"},
	"glue":             {"startJobRun"},
	"databrew":         {"startJobRun"},
	"states":           {"startExecution"},
	"events":           {"putEvents"},
	"apigateway":       {"invoke"},
	"http":             {"invoke"},
	"athena":           {"startQueryExecution", "stopQueryExecution", "getQueryExecution", "getQueryResults"},
	"bedrock":          {"invokeModel", "createModelCustomizationJob"},
	"mediaconvert":     {"createJob"},
	"s3":               {"getObject", "listObjectsV2", "putObject"},
	"codebuild":        {"startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports", "startBuildBatch", "stopBuildBatch", "retryBuildBatch", "deleteBuildBatch"},
	"eks":              {"createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile", "createNodegroup", "deleteNodegroup", "runJob", "call"},
	"elasticmapreduce": {"createCluster", "terminateCluster", "addStep", "cancelStep", "setClusterTerminationProtection", "modifyInstanceFleetByName", "modifyInstanceGroupByName"},
	"emr-containers":   {"startJobRun", "createVirtualCluster", "deleteVirtualCluster"},
	"emr-serverless":   {"createApplication", "startApplication", "stopApplication", "deleteApplication", "startJobRun", "cancelJobRun"},
	"sagemaker": {"createEndpoint", "createEndpointConfig", "createHyperParameterTuningJob", "createLabelingJob",
		"createModel", "createProcessingJob", "createTrainingJob", "createTransformJob", "updateEndpoint"},
}

// resource is a parsed Task Resource ARN.
type resource struct {
	arn       string
	partition string
	kind      string // "lambda", "activity", "integration", "sdk", "other"
	service   string // for integrations and SDK calls
	api       string // without suffix
	suffix    string // "", ".sync", ".sync:2", ".waitForTaskToken"
}

func parseResource(arn string) resource {
	r := resource{arn: arn, kind: "other"}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return r
	}
	r.partition = parts[1]
	switch {
	case parts[2] == "lambda" && strings.HasPrefix(parts[5], "function:"):
		r.kind = "lambda"
	case parts[2] == "states" && strings.HasPrefix(parts[5], "activity:"):
		r.kind = "activity"
	case parts[2] == "states" && parts[3] == "" && parts[4] == "":
		rest := parts[5] // "<service>:<api>[.suffix]" or "aws-sdk:<service>:<api>"
		for _, s := range []string{".waitForTaskToken", ".sync:2", ".sync"} {
			if strings.HasSuffix(rest, s) {
				r.suffix, rest = s, strings.TrimSuffix(rest, s)
				break
			}
		}
		if strings.HasPrefix(rest, "aws-sdk:") {
			r.kind = "sdk"
			rest = strings.TrimPrefix(rest, "aws-sdk:")
		} else {
			r.kind = "integration"
		}
		r.service, r.api, _ = strings.Cut(rest, ":")
	}
	return r
}

// knownIntegration reports whether an optimized integration exists.
func knownIntegration(service, api string) (serviceKnown, apiKnown bool) {
	apis, ok := optimizedAPIs[service]
	if !ok {
		return false, false
	}
	for _, a := range apis {
		if a == api {
			return true, true
		}
	}
	return true, false
}
