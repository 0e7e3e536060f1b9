import random, json
# $states-shaped cases (bindings), as Step Functions expressions are written.
# Record with: python3 states_gen.py && node gen.js states_spec.json > states_all.json
random.seed(5)
ch=random.choice
states={"input":{"items":[{"name":"a","price":5,"tags":["x","y"],"dims":{"w":1,"h":2}},{"name":"b","price":15,"tags":[],"dims":None},{"name":"c","price":25.5,"tags":["y"],"extra":[1,[2,3]]}],
 "matrix":[[1,2],[3,[4,5]],[]],"nothing":None,"flag":True,"count":3,"text":"Hello, World","nested":{"a":{"b":{"c":[{"d":1},{"d":2}]}}}},
 "context":{"Execution":{"Id":"arn:x","Input":{"k":1}},"State":{"Name":"S","EnteredTime":"2024-01-01T00:00:00Z"},"Map":{"Item":{"Index":2,"Value":{"v":9}}}}}
paths=["$states.input.items","$states.input.items.name","$states.input.items.price","$states.input.items.tags","$states.input.items[0]","$states.input.items[-1].name",
"$states.input.items[price > 10]","$states.input.items[price > 10].name","$states.input.items.dims.w","$states.input.matrix","$states.input.matrix[0]","$states.input.matrix[1][1]",
"$states.input.matrix.$","$states.input.nothing","$states.input.flag","$states.input.count","$states.input.text","$states.input.nested.a.b.c.d","$states.input.nested.**.d",
"$states.input.items.extra","$states.input.items[tags = 'y'].name","$states.input.items[$count(tags) > 0]","$states.context.Map.Item.Value.v","$states.context.State.Name",
"$states.input.items{name: price}","$states.input.items^(>price).name","$states.input.items.tags[0]","$states.input.items.(tags)[0]","$states.input.missing","$states.input.items[]","$states.input.items.name[]",
"$states.input.items[0].tags[]","$states.input.items.dims","$states.input.matrix[2]","$states.input.items.*","$states.input.nested.*.*"]
fns=["$count(%s)","$sum(%s)","$string(%s)","$exists(%s)","$type(%s)","$boolean(%s)","$distinct(%s)","$reverse(%s)","$append(%s, 'z')","$map(%s, function($v){$v})","$filter(%s, function($v){$v})","$keys(%s)","[%s]","{'r': %s}","%s = null","%s ? 'yes' : 'no'","$join($string(%s), '-')","$lookup(%s, 'name')","$max(%s)","$sort(%s)","%s & '!'","$single(%s)","$merge(%s)","$spread(%s)","$zip(%s, [1,2,3])"]
cases=[]; seen=set()
while len(cases)<600:
    p=ch(paths)
    r=random.random()
    if r<0.3: e=p
    elif r<0.9: e=ch(fns) % p
    else: e=ch(fns) % (ch(fns) % p)
    if e in seen: continue
    seen.add(e); cases.append({"expr":e,"bindings":{"states":states}})
json.dump({"datasets":{},"cases":cases},open('states_spec.json','w'))
